"""How django-axes tells logins apart: the account by its e-mail in any case, the client by its
address as the trusted proxies report it (the same rule as the API's rate limit)."""

from django.conf import settings
from rest_framework.throttling import BaseThrottle


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
    them saw: DRF's own rule, the one the API's rate limit uses, so both tell clients apart
    alike and never by a value the client alone could write."""
    return BaseThrottle().get_ident(request)
