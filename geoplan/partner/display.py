"""A change request's proposed values in plain words, beside the values they replace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from geoplan.registry.checks import metres_between
from geoplan.registry.models import OpeningHours, Organization, Service, ServiceCategory, Status
from geoplan.registry.vocabulary import LANGUAGES, TargetGroup

LABELS = {
    "name": gettext_lazy("Name"),
    "address": gettext_lazy("Address"),
    "location": gettext_lazy("Location on the map"),
    "organization": gettext_lazy("Organisation"),
    "category": gettext_lazy("Category"),
    "description": gettext_lazy("Description"),
    "capacity": gettext_lazy("Capacity"),
    "capacity_unit": gettext_lazy("Capacity counts"),
    "target_groups": gettext_lazy("Who the service is for"),
    "target_groups_note": gettext_lazy("Who it is for, in your words"),
    "languages": gettext_lazy("Languages spoken"),
    "step_free_access": gettext_lazy("Step-free access"),
    "eligibility": gettext_lazy("Eligibility"),
    "phone": gettext_lazy("Phone"),
    "email": gettext_lazy("E-mail"),
    "website": gettext_lazy("Website"),
    "status": gettext_lazy("Running"),
    "hours": gettext_lazy("Opening hours"),
    "closures": gettext_lazy("Closures"),
    "closed_on_public_holidays": gettext_lazy("Closed on public holidays"),
}


@dataclass
class Row:
    label: str
    old: list[str] | None  # None: nothing before (a new record)
    new: list[str]


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)


def _day(value: str | None) -> str:
    if not value:
        return ""
    try:
        return date_format(date.fromisoformat(value), "DATE_FORMAT")
    except ValueError:
        return value


def _hours(rows: list[dict]) -> list[str]:
    if not rows:
        return [_("no weekly hours")]
    names = dict(OpeningHours.Weekday.choices)
    seasons: dict[tuple, dict[int, list[str]]] = {}
    for row in rows:
        season = (row.get("valid_from"), row.get("valid_to"))
        spans = seasons.setdefault(season, {}).setdefault(row["weekday"], [])
        spans.append(f"{row['opens_at']}–{row['closes_at']}")
    lines = []
    for (start, end), days in seasons.items():
        if start or end:
            lines.append(
                _("From %(start)s until %(end)s:")
                % {"start": _day(start) or "…", "end": _day(end) or "…"}
            )
        for weekday in sorted(days):
            lines.append(f"{names[weekday]} {', '.join(sorted(days[weekday]))}")
    return lines


def _closures(rows: list[dict]) -> list[str]:
    if not rows:
        return [_("no closures")]
    lines = []
    for row in rows:
        span = _day(row["starts_on"])
        if row.get("ends_on") and row["ends_on"] != row["starts_on"]:
            span = f"{span} – {_day(row['ends_on'])}"
        lines.append(f"{span} {row['note']}".strip() if row.get("note") else span)
    return lines


def plain(key: str, value) -> list[str]:
    """``value`` of payload key ``key`` as lines of text."""
    if key == "hours":
        return _hours(value or [])
    if key == "closures":
        return _closures(value or [])
    if value is None or value == "" or value == []:
        return [_("not given")] if key != "step_free_access" else [_("not known")]
    if key == "location":
        return [f"{value['lat']:.6f}, {value['lon']:.6f}"]
    if key == "organization":
        return [Organization.objects.filter(pk=value).values_list("name", flat=True).first() or ""]
    if key == "category":
        category = ServiceCategory.objects.filter(code=value).first()
        return [category.name(get_language() or "it") if category else str(value)]
    if key == "target_groups":
        labels = dict(TargetGroup.choices)
        return [", ".join(str(labels.get(v, v)) for v in value)]
    if key == "languages":
        labels = dict(LANGUAGES)
        return [", ".join(str(labels.get(v, v)) for v in value)]
    if key == "status":
        return [
            {
                Status.PUBLISHED: _("running (public)"),
                Status.ARCHIVED: _("stopped (not public)"),
            }.get(value, str(dict(Status.choices).get(value, value)))
        ]
    if isinstance(value, bool):
        return [_("yes") if value else _("no")]
    return [str(value)]


def _empty(value) -> bool:
    return value is None or value == "" or value == []


def _moved(row: Row, before: dict | None, after: dict | None) -> Row:
    metres = metres_between(before, after)
    if metres is not None:
        row.new = [*row.new, _("(moved %(metres)d m)") % {"metres": round(metres)}]
    return row


def _rows(values: dict, before: dict | None) -> list[Row]:
    """Rows in the form's order (the stored JSON keeps its keys sorted); a new record shows
    only what was given."""
    order = {key: i for i, key in enumerate(LABELS)}
    keys = sorted((k for k in values if k != "id"), key=lambda k: (order.get(k, len(order)), k))
    rows = []
    for key in keys:
        if before is None and _empty(values[key]) and key not in ("hours", "status"):
            continue
        row = Row(
            str(LABELS.get(key, key)),
            None if before is None else plain(key, before.get(key)),
            plain(key, values[key]),
        )
        if key == "location" and before is not None:
            row = _moved(row, before.get(key), values[key])
        rows.append(row)
    return rows


def describe(change) -> list[Section]:
    """The sections of a request: the site, then each service, with old and new values."""
    payload, base = change.payload or {}, change.base or {}
    sections = []
    if "site" in payload:
        before = None if change.creates_site else base.get("site", {})
        sections.append(Section(_("Site"), _rows(payload["site"], before)))
    filed = {s["id"]: s for s in base.get("services", []) if s.get("id") is not None}
    ids = [s["id"] for s in payload.get("services", []) if s.get("id") is not None]
    names = dict(Service.objects.filter(pk__in=ids).values_list("pk", "name"))
    for service in payload.get("services", []):
        if service.get("id") is None:
            title = _("New service: %(name)s") % {"name": service.get("name", "")}
            sections.append(Section(title, _rows(service, None)))
        else:
            name = names.get(service["id"]) or filed.get(service["id"], {}).get("name") or ""
            title = _("Service: %(name)s") % {"name": name or f"#{service['id']}"}
            sections.append(Section(title, _rows(service, filed.get(service["id"], {}))))
    return sections
