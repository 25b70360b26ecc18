"""Log-in, password reset and invitation forms, and the e-mails they send."""

import logging

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from geoplan.registry.models import Organization

from .roles import Role

log = logging.getLogger(__name__)
# E-mails are written in both site languages: who receives one may not read the language of
# whoever caused it (a moderator inviting a partner), and the login page offers both.
EMAIL_LANGUAGES = ("it", "en")


def render_bilingual(template_name: str, context: dict, separator: str) -> str:
    """The template rendered in Italian, then in English (once if both read the same)."""
    texts = []
    for language in EMAIL_LANGUAGES:
        with translation.override(language):
            text = render_to_string(template_name, context).strip()
        if text not in texts:
            texts.append(text)
    return separator.join(texts)


def send_bilingual(subject_template: str, body_template: str, context: dict, to: str) -> None:
    """Send a plain-text e-mail; raises what the mail backend raises (OSError for SMTP)."""
    subject = " / ".join(
        line for line in render_bilingual(subject_template, context, "\n").splitlines() if line
    )
    body = render_bilingual(body_template, context, "\n\n-- \n\n") + "\n"
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to]).send()


class EmailAuthenticationForm(AuthenticationForm):
    """The login form: accounts log in with their e-mail address (see backends.EmailBackend).

    The field keeps the name ``username``, which django-axes reads to count failures per account.
    """

    username = forms.CharField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.TextInput(
            attrs={"autofocus": True, "autocomplete": "email", "inputmode": "email"}
        ),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or the password is wrong. Passwords are case-sensitive."
        ),
    }


class ResetForm(PasswordResetForm):
    """Password reset by e-mail, with links to GEOPLAN_BASE_URL and the text in both languages.

    Django leaves out accounts without a usable password; here they are included, because an
    invited account has none until its owner follows the invitation, and a reset is how an
    invitation whose link has expired is renewed.
    """

    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email):
        return get_user_model()._default_manager.filter(email__iexact=email, is_active=True)

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        link = settings.GEOPLAN_BASE_URL + reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        context = {**context, "link": link, "site_name": "geoplan", "email": to_email}
        try:
            send_bilingual(subject_template_name, email_template_name, context, to_email)
        except OSError:
            # As Django does: the page says the same whether or not an e-mail went out.
            log.exception("could not e-mail a password reset link")


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=150)
    first_name = forms.CharField(label=_("Name"), max_length=150, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisation(s)"),
        queryset=Organization.objects.order_by("name"),
        required=False,
        help_text=_("Required for a partner: the organisations whose records it may edit."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    illustrative = forms.BooleanField(
        label=_("Illustrative account (a demo, not a real person)"), required=False
    )

    def __init__(self, *args, inviter=None, **kwargs):
        super().__init__(*args, **kwargs)
        if inviter is not None and not inviter.is_superuser:
            # A moderator could otherwise make a second moderator account and approve their own
            # requests with it: moderators are made by an administrator.
            self.fields["role"].choices = [
                (value, label) for value, label in Role.choices if value != Role.MODERATOR
            ]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        users = get_user_model()._default_manager
        if (
            users.filter(email__iexact=email).exists()
            or users.filter(username__iexact=email).exists()
        ):
            raise ValidationError(
                _("An account for %(email)s exists already."), params={"email": email}
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.PARTNER and not cleaned.get("organisations"):
            self.add_error(
                "organisations", _("A partner account needs the organisation it belongs to.")
            )
        return cleaned
