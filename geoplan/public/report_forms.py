"""The "report a problem" form of a site's public page: no account, a few fields, a trap for
robots."""

from django import forms
from django.utils.translation import gettext_lazy as _

from geoplan.moderation.models import ProblemReport

MESSAGE_MAX_CHARS = 2000
CONTACT_MAX_CHARS = 200


class ProblemReportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ProblemReport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what is wrong (the “kind” of problem)."),
            "invalid_choice": _(
                "“%(value)s” is not one of the problems listed: choose one of them."
            ),
        },
    )
    service = forms.TypedChoiceField(
        label=_("Which service?"),
        coerce=int,
        required=False,
        empty_value=None,
        error_messages={
            "invalid_choice": _("Choose one of the services of this place, or the whole place.")
        },
    )
    message = forms.CharField(
        label=_("What should we know? (optional)"),
        required=False,
        max_length=MESSAGE_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "The message is too long: write at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )
    contact = forms.CharField(
        label=_("Your e-mail or phone (optional)"),
        help_text=_("Only if you would like an answer. It is never shown on the site."),
        required=False,
        max_length=CONTACT_MAX_CHARS,
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
        error_messages={
            "max_length": _(
                "The contact is too long: write at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )
    # Hidden from people (public-site.css); robots that fill in every field fill this one too.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.services = list(services)
        # With one service the report is about it; with several, the person may say which.
        self.fields["service"].choices = [("", _("The whole place"))] + [
            (s.pk, s.name) for s in self.services
        ]

    @property
    def asks_for_service(self) -> bool:
        return len(self.services) > 1

    @property
    def is_from_a_robot(self) -> bool:
        return bool(self.data.get("homepage", "").strip())

    def chosen_service(self):
        if len(self.services) == 1:
            return self.services[0]
        chosen = self.cleaned_data.get("service")
        return next((s for s in self.services if s.pk == chosen), None)
