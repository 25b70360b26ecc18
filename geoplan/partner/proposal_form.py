"""One page of the portal's forms: an optional site section and service sections, read into a
proposal (the payload of moderation/proposal.py), with the proposal's errors put back next to
the fields they concern and listed, with links, at the top of the page."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from geoplan.moderation.proposal import ProposalError

from .forms import ServiceForm, SiteForm
from .hours_forms import Closures, WeeklyHours


@dataclass
class SummaryItem:
    label: str
    message: str
    anchor: str


def _same(given, current) -> bool:
    if isinstance(given, list) and isinstance(current, list):
        if all(isinstance(v, str) for v in given + current):
            return set(given) == set(current)
        return given == current
    if isinstance(given, str) and isinstance(current, str):
        return given.strip() == current.replace("\r\n", "\n").strip()
    return given == current


class ServiceSection:
    """The fields of one service: the form, its weekly hours and its closures."""

    def __init__(
        self,
        index: int,
        data=None,
        *,
        initial: dict | None = None,
        service_id=None,
        current: dict | None = None,
    ):
        self.index = index
        self.prefix = f"service-{index}"
        self.service_id = service_id
        self.current = current
        initial = initial or {}
        self.form = ServiceForm(
            data,
            prefix=self.prefix,
            initial=ServiceForm.initial_from(initial) if initial else {"status": "published"},
            current_status=initial.get("status") if service_id else None,
        )
        if data is None:
            self.hours = WeeklyHours.from_rows(self.prefix, initial.get("hours") or [])
            self.closures = Closures.from_rows(self.prefix, initial.get("closures") or [])
        else:
            self.hours = WeeklyHours.from_data(self.prefix, data)
            self.closures = Closures.from_data(self.prefix, data)
        self.errors: list[str] = []

    def payload(self) -> dict:
        values = {
            "id": self.service_id,
            **self.form.payload(),
            "hours": self.hours.rows(),
            "closures": self.closures.payload(),
        }
        if self.current:
            # The registry may hold codes in another order, or text with spaces around it: the
            # same values, which must not read as a change.
            for key in [k for k in values if k != "id" and k in self.current]:
                if _same(values[key], self.current[key]):
                    del values[key]
        return values

    def add_error(self, rest: list[str], message: str) -> tuple[str, str]:
        """Put the error of path "services.<i>.<rest>" in place; return the anchor to it and
        the message as shown."""
        key = rest[0] if rest else ""
        if key == "hours":
            self.hours.add_error(rest[1:], message)
            return f"{self.prefix}-hours", message
        if key == "closures":
            self.closures.add_error(rest[1:], message)
            return f"{self.prefix}-closures", message
        if key == "category" and not self.form.cleaned_data.get("category"):
            # Nothing chosen: the proposal's "unknown category" sentence would name None.
            message = _("Choose a category.")
        if key in self.form.fields:
            self.form.add_error(key, message)
            return f"id_{self.prefix}-{key}", message
        self.errors.append(message)
        return self.prefix, message

    def label(self, key: str) -> str:
        if key == "hours":
            return _("Opening hours")
        if key == "closures":
            return _("Closures")
        field = self.form.fields.get(key)
        return str(field.label) if field else _("Service")


class ProposalForm:
    """The site section (when ``with_site``) and the service sections of one page."""

    def __init__(
        self,
        user_organisations,
        data=None,
        *,
        with_site: bool = True,
        site_initial: dict | None = None,
        services: list[tuple[int | None, dict]] = (),
        current: dict[int, dict] | None = None,
        passthrough: list[dict] = (),
    ):
        self.site_form = (
            SiteForm(
                data,
                prefix="site",
                organisations=user_organisations,
                initial=SiteForm.initial_from(site_initial or {}),
            )
            if with_site
            else None
        )
        self.sections = [
            ServiceSection(
                i,
                data,
                initial=initial,
                service_id=service_id,
                current=(current or {}).get(service_id),
            )
            for i, (service_id, initial) in enumerate(services)
        ]
        # Services of a request filed elsewhere (a file upload) that this page does not show:
        # kept as they are.
        self.passthrough = list(passthrough)
        self.errors: list[str] = []
        self.summary: list[SummaryItem] = []

    def is_valid(self) -> bool:
        forms = [s.form for s in self.sections]
        if self.site_form is not None:
            forms.append(self.site_form)
        valid = all([f.is_valid() for f in forms])
        if not valid:
            for form in forms:
                for key, messages in form.errors.items():
                    for message in messages:
                        self.summary.append(
                            SummaryItem(
                                str(form.fields[key].label) if key in form.fields else "",
                                message,
                                f"id_{form.prefix}-{key}",
                            )
                        )
        return valid

    def payload(self, *, site_keys=None) -> dict:
        raw: dict = {}
        if self.site_form is not None:
            site = self.site_form.payload()
            raw["site"] = {k: v for k, v in site.items() if site_keys is None or k in site_keys}
        services = [s.payload() for s in self.sections] + self.passthrough
        if services:
            raw["services"] = services
        return raw

    def add_proposal_errors(self, error: ProposalError) -> None:
        for path, messages in error.errors.items():
            for message in messages:
                self._place(path, str(message))

    def add_error(self, message: str) -> None:
        self.errors.append(message)
        self.summary.append(SummaryItem("", message, "errors"))

    def _place(self, path: str, message: str) -> None:
        parts = path.split(".") if path else []
        head = parts[0] if parts else ""
        if head == "site" and self.site_form is not None and len(parts) > 1:
            key = "lon" if parts[1] == "location" else parts[1]
            if key in self.site_form.fields:
                self.site_form.add_error(key, message)
                label = _("Location on the map") if key == "lon" else self.site_form[key].label
                anchor = "site-map" if key == "lon" else f"id_site-{key}"
                self.summary.append(SummaryItem(str(label), message, anchor))
                return
        if head == "services":
            section = None
            if len(parts) > 1 and parts[1].isdecimal() and int(parts[1]) < len(self.sections):
                section = self.sections[int(parts[1])]
            elif len(parts) == 1 and len(self.sections) == 1:
                section = self.sections[0]
            if section is not None:
                rest = parts[2:]
                anchor, message = section.add_error(rest, message)
                label = section.label(rest[0] if rest else "")
                self.summary.append(SummaryItem(label, message, anchor))
                return
        self.add_error(message)

    def has_errors(self) -> bool:
        return bool(self.summary)
