"""One-time links to set a password (new accounts, invitations, password resets)."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def set_password_link(user) -> str:
    """A link that lets ``user`` choose a password once; it stops working after the password is
    set, or after PASSWORD_RESET_TIMEOUT seconds."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return settings.GEOPLAN_BASE_URL + path
