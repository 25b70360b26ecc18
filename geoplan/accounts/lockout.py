"""How django-axes tells logins apart: the account by its e-mail in any case, the client by its
address as the trusted proxies report it (the same rule as the API's rate limit)."""

from django.conf import settings


def login_name(request, credentials) -> str | None:
    """The login name, lower-cased and trimmed: "Anna@X.org" and "anna@x.org " are one account
    for the lockout, as they are for the login (accounts.backends.EmailBackend)."""
    value = (credentials or {}).get(settings.AXES_USERNAME_FORM_FIELD)
    if value is None and request is not None:
        data = getattr(request, "data", None) or getattr(request, "POST", {})
        value = data.get(settings.AXES_USERNAME_FORM_FIELD)
    return value.strip().lower() if isinstance(value, str) else value


def client_address(request) -> str | None:
    """REMOTE_ADDR, or, behind API_NUM_PROXIES trusted proxies, the address the outermost of
    them saw (X-Forwarded-For's entry that many places from the end): never a value the
    client alone could write."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if proxies and forwarded:
        addresses = [a.strip() for a in forwarded.split(",") if a.strip()]
        if addresses:
            return addresses[-min(proxies, len(addresses))]
    return request.META.get("REMOTE_ADDR")
