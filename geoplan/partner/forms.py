"""The portal's forms: a site and a service (its hours and closures are in hours_forms.py).

The forms only read what was typed; every rule (required values, the city boundary, times,
dates, codes) is checked once, by the proposal (geoplan/moderation/proposal.py), so that the
portal, the API and file uploads say the same thing about the same mistake. Errors come back
keyed by the proposal's paths and are put next to the fields here (see proposal_form.py).
"""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from geoplan.registry.models import Organization, ServiceCategory, Status
from geoplan.registry.vocabulary import LANGUAGES, TargetGroup


def typed_text(value) -> str:
    """Text as typed, with the browser's CRLF line ends made plain."""
    return (value or "").replace("\r\n", "\n").strip()


class CodesField(forms.MultipleChoiceField):
    """Checkboxes whose values the proposal checks, so that an unknown code reads the same in
    the portal as in the API."""

    def validate(self, value):
        return None


class SiteForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the site"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 200, "autocomplete": "off"}),
    )
    address = forms.CharField(
        label=_("Address"),
        required=False,
        help_text=_("Street and house number. Choose a suggestion to place the pin on the street."),
        widget=forms.TextInput(
            attrs={
                "maxlength": 300,
                "autocomplete": "off",
                "list": "address-suggestions",
                "data-role": "address",
            }
        ),
    )
    lon = forms.CharField(
        label=_("Longitude"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-role": "lon"}),
    )
    lat = forms.CharField(
        label=_("Latitude"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "data-role": "lat"}),
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation_ids = sorted(organisations)
        if len(self.organisation_ids) > 1:
            self.fields["organization"] = forms.TypedChoiceField(
                label=_("Organisation running the site"),
                choices=[("", "—")]
                + [
                    (o.pk, o.name)
                    for o in Organization.objects.filter(pk__in=self.organisation_ids)
                ],
                coerce=int,
                required=False,
                empty_value=None,
            )

    @staticmethod
    def initial_from(snapshot: dict) -> dict:
        location = snapshot.get("location") or {}
        return {
            "name": snapshot.get("name", ""),
            "address": snapshot.get("address", ""),
            "lon": location.get("lon", ""),
            "lat": location.get("lat", ""),
            "organization": snapshot.get("organization"),
        }

    def location(self):
        try:
            lon = float(self.cleaned_data["lon"].replace(",", "."))
            lat = float(self.cleaned_data["lat"].replace(",", "."))
        except ValueError:
            return None
        return {"lon": lon, "lat": lat}

    def payload(self) -> dict:
        values = {
            "name": typed_text(self.cleaned_data["name"]),
            "address": typed_text(self.cleaned_data["address"]),
            "location": self.location(),
        }
        if "organization" in self.fields:
            values["organization"] = self.cleaned_data.get("organization")
        return values


STEP_FREE = {"yes": True, "no": False, "": None}


class ServiceForm(forms.Form):
    category = forms.CharField(label=_("Category"), required=False, widget=forms.Select)
    name = forms.CharField(
        label=_("Name of the service"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": 200}),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 4000}),
    )
    capacity = forms.CharField(
        label=_("Capacity"),
        required=False,
        help_text=_("How many at once; leave empty if it does not apply."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "pattern": "[0-9]*"}),
    )
    capacity_unit = forms.CharField(
        label=_("Capacity counts"),
        required=False,
        help_text=_("beds, meals, places, ..."),
        widget=forms.TextInput(attrs={"maxlength": 50}),
    )
    target_groups = CodesField(
        label=_("Who the service is for"),
        required=False,
        choices=TargetGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups_note = forms.CharField(
        label=_("Who it is for, in your words"),
        required=False,
        help_text=_("Anything the list above does not say."),
        widget=forms.TextInput(attrs={"maxlength": 300}),
    )
    languages = CodesField(
        label=_("Languages spoken"),
        required=False,
        choices=LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
    )
    step_free_access = forms.ChoiceField(
        label=_("Step-free access"),
        required=False,
        choices=[("", _("not known")), ("yes", _("yes")), ("no", _("no"))],
        widget=forms.RadioSelect,
    )
    eligibility = forms.CharField(
        label=_("Eligibility"),
        required=False,
        help_text=_("Documents or conditions asked for, if any."),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 2000}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "maxlength": 50, "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("E-mail"),
        required=False,
        widget=forms.TextInput(attrs={"type": "email", "maxlength": 254, "autocomplete": "off"}),
    )
    website = forms.CharField(
        label=_("Website"),
        required=False,
        widget=forms.TextInput(attrs={"type": "url", "maxlength": 500, "placeholder": "https://"}),
    )
    status = forms.ChoiceField(
        label=_("Is the service running?"),
        required=False,
        choices=[
            (Status.PUBLISHED, _("running: show it to the public")),
            (Status.ARCHIVED, _("stopped: take it off the public map")),
        ],
        widget=forms.RadioSelect,
    )
    closed_on_public_holidays = forms.BooleanField(
        label=_("Closed on public holidays"), required=False
    )

    def __init__(self, *args, current_status: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language() or "it"
        self.fields["category"].widget.choices = [("", _("— choose a category —"))] + [
            (c.code, c.name(language)) for c in ServiceCategory.objects.order_by("order", "code")
        ]
        # A record in another state (e.g. "needs verification") keeps it unless the partner says.
        self.keeps_status = current_status not in (None, Status.PUBLISHED, Status.ARCHIVED)
        if self.keeps_status:
            label = dict(Status.choices).get(current_status, current_status)
            self.fields["status"].choices = [
                ("", _("leave as it is (%(status)s)") % {"status": label}),
                *self.fields["status"].choices,
            ]

    @staticmethod
    def initial_from(snapshot: dict) -> dict:
        step_free = snapshot.get("step_free_access")
        capacity = snapshot.get("capacity")
        status = snapshot.get("status") or Status.PUBLISHED
        return {
            **{k: snapshot.get(k, "") for k in ServiceForm.TEXT_FIELDS},
            "category": snapshot.get("category") or "",
            "capacity": "" if capacity is None else str(capacity),
            "target_groups": list(snapshot.get("target_groups") or []),
            "languages": list(snapshot.get("languages") or []),
            "step_free_access": {True: "yes", False: "no"}.get(step_free, ""),
            "status": status if status in (Status.PUBLISHED, Status.ARCHIVED) else "",
            "closed_on_public_holidays": bool(snapshot.get("closed_on_public_holidays")),
        }

    TEXT_FIELDS = (
        "name",
        "description",
        "capacity_unit",
        "target_groups_note",
        "eligibility",
        "phone",
        "email",
        "website",
    )

    def payload(self) -> dict:
        data = self.cleaned_data
        values = {key: typed_text(data[key]) for key in self.TEXT_FIELDS}
        values["category"] = data["category"] or None
        capacity = data["capacity"].strip()
        values["capacity"] = int(capacity) if capacity.isdecimal() else (capacity or None)
        values["target_groups"] = list(data["target_groups"])
        values["languages"] = list(data["languages"])
        values["step_free_access"] = STEP_FREE.get(data["step_free_access"])
        values["closed_on_public_holidays"] = bool(data["closed_on_public_holidays"])
        if data["status"] or not self.keeps_status:
            values["status"] = data["status"] or Status.PUBLISHED
        return values
