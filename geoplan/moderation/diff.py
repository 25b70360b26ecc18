"""What a change request changes, as rows a moderator reads: label | value when filed | proposed,
and the value now where someone else has changed it since (a conflict).

Pure functions over a request's ``payload`` and ``base`` (shapes in proposal.py), the conflicts
found by workflow.conflicts() and a few names looked up beforehand (:class:`Names`), so that a
page, an e-mail or a test can render a request the same way. Historical versions of registry
records (django-simple-history) are rendered here too, for the history page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geoplan.registry.checks import metres_between
from geoplan.registry.models import Closure, OpeningHours, Service, Site, Status
from geoplan.registry.vocabulary import LANGUAGES, TargetGroup

from .proposal import SERVICE_FIELDS, SITE_FIELDS

EMPTY = "—"
_SITE_MODEL_FIELD = {"location": "geom"}


@dataclass(frozen=True)
class Names:
    """Names shown instead of codes and ids: category codes, organisation and service ids."""

    categories: dict[str, str] = field(default_factory=dict)
    organisations: dict[int, str] = field(default_factory=dict)
    services: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    path: str  # "site.name", "services.12.hours", "services.new0.name"
    label: str
    old: str | None  # the value when the request was filed; None for a new record
    new: str
    now: str | None = None  # the value now, set only when it differs from both (a conflict)

    @property
    def conflict(self) -> bool:
        return self.now is not None


@dataclass(frozen=True)
class Section:
    kind: str  # "site" or "service"
    title: str
    record_id: int | None  # None for a record the request creates
    rows: list[Row]

    @property
    def is_new(self) -> bool:
        return self.record_id is None


# ---------------------------------------------------------------------------------------------
# Labels and values
# ---------------------------------------------------------------------------------------------
def site_label(key: str) -> str:
    return capfirst(Site._meta.get_field(_SITE_MODEL_FIELD.get(key, key)).verbose_name)


def service_label(key: str) -> str:
    if key == "hours":
        return capfirst(OpeningHours._meta.verbose_name_plural)
    if key == "closures":
        return capfirst(Closure._meta.verbose_name_plural)
    return capfirst(Service._meta.get_field(key).verbose_name)


def yes_no(value) -> str:
    if value is None:
        return _("not known")
    return _("yes") if value else _("no")


def _date(value: str | date | None) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return date_format(value, "DATE_FORMAT")


def _weekday(number: int) -> str:
    return str(OpeningHours.Weekday(number).label)


def hours_text(rows: list[dict] | None) -> str:
    """Weekly ranges as lines: "Monday 09:00–13:00, 15:00–18:00", seasons after the general hours."""
    if not rows:
        return _("no opening hours")
    seasons: dict[tuple, dict[int, list[str]]] = {}
    for row in rows:
        season = (row.get("valid_from") or "", row.get("valid_to") or "")
        span = f"{row['opens_at']}–{row['closes_at']}"
        seasons.setdefault(season, {}).setdefault(row["weekday"], []).append(span)
    lines = []
    for season in sorted(seasons, key=lambda s: (s != ("", ""), s)):
        start, end = season
        if start and end:
            lines.append(
                _("From %(start)s to %(end)s:") % {"start": _date(start), "end": _date(end)}
            )
        elif start:
            lines.append(_("From %(start)s:") % {"start": _date(start)})
        elif end:
            lines.append(_("Until %(end)s:") % {"end": _date(end)})
        for weekday, spans in sorted(seasons[season].items()):
            lines.append(f"{_weekday(weekday)} {', '.join(sorted(spans))}")
    return "\n".join(lines)


def closures_text(rows: list[dict] | None) -> str:
    if not rows:
        return _("no closures")
    lines = []
    for row in rows:
        start, end = row["starts_on"], row.get("ends_on") or row["starts_on"]
        when = _date(start) if start == end else f"{_date(start)} – {_date(end)}"
        lines.append(f"{when} ({row['note']})" if row.get("note") else when)
    return "\n".join(lines)


def location_text(location: dict | None) -> str:
    if not location:
        return _("not placed")
    return f"{location['lat']:.5f} N, {location['lon']:.5f} E"


def display(key: str, value, names: Names) -> str:
    """A payload value as a moderator reads it (names and labels, never codes)."""
    if key == "location":
        return location_text(value)
    if key == "hours":
        return hours_text(value)
    if key == "closures":
        return closures_text(value)
    if key in {"step_free_access", "closed_on_public_holidays"}:
        return yes_no(value)
    if value is None or value == "" or value == []:
        return EMPTY
    if key == "organization":
        return names.organisations.get(value, f"#{value}")
    if key == "category":
        return names.categories.get(value, str(value))
    if key == "target_groups":
        labels = dict(TargetGroup.choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if key == "languages":
        labels = dict(LANGUAGES)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if key == "status":
        labels = dict(Status.choices)
        return str(labels.get(value, value))
    return str(value)


# ---------------------------------------------------------------------------------------------
# A change request as sections of rows
# ---------------------------------------------------------------------------------------------
def _rows(prefix, keys, proposed, filed, creating, conflicts, names, label) -> list[Row]:
    rows = []
    for key in keys:
        if key not in proposed:
            continue
        path = f"{prefix}.{key}"
        conflict = conflicts.get(path)
        rows.append(
            Row(
                path=path,
                label=label(key),
                old=None if creating else display(key, filed.get(key), names),
                new=display(key, proposed[key], names),
                now=None if conflict is None else _conflict_now(key, conflict.now, names),
            )
        )
    return rows


def _conflict_now(key, now, names) -> str:
    # For a new site the "value now" is the sentence that says why its address is taken.
    if key == "address" and isinstance(now, str):
        return now
    return display(key, now, names)


def sections(change, found_conflicts, names: Names) -> list[Section]:
    """The site's changed fields, then each service's, in the order a form shows them."""
    conflicts = {c.path: c for c in found_conflicts}
    creating = change.creates_site
    payload, base = change.payload, change.base or {}
    out = []
    if "site" in payload:
        proposed = payload["site"]
        out.append(
            Section(
                kind="site",
                title=_("New site") if creating else _("Site"),
                record_id=None if creating else change.site_id,
                rows=_rows(
                    "site",
                    SITE_FIELDS,
                    proposed,
                    base.get("site", {}),
                    creating,
                    conflicts,
                    names,
                    site_label,
                ),
            )
        )
    filed_services = {s["id"]: s for s in base.get("services", [])}
    for i, service in enumerate(payload.get("services", [])):
        service_id = service.get("id")
        new = service_id is None
        if new:
            title = _("New service: %(name)s") % {"name": service.get("name", "")}
        else:
            title = _("Service: %(name)s") % {
                "name": names.services.get(service_id, f"#{service_id}")
            }
        out.append(
            Section(
                kind="service",
                title=title,
                record_id=service_id,
                rows=_rows(
                    f"services.{service_id if not new else f'new{i}'}",
                    SERVICE_FIELDS,
                    service,
                    filed_services.get(service_id, {}),
                    new,
                    conflicts,
                    names,
                    service_label,
                ),
            )
        )
    return out


def other_conflicts(found_conflicts, shown: list[Section]) -> list[str]:
    """Sentences for conflicts that are not a field shown in a row (a record deleted since)."""
    paths = {row.path for section in shown for row in section.rows}
    notes = []
    for conflict in found_conflicts:
        if conflict.path in paths:
            continue
        if conflict.path == "site":
            notes.append(_("The site has been deleted since this request was filed."))
        elif conflict.path == "services.new.name":
            notes.append(
                _("The site now has a “%(name)s” service in that category.")
                % {"name": conflict.proposed}
            )
        elif conflict.path.startswith("services."):
            notes.append(
                _("Service %(id)s has been deleted since this request was filed.")
                % {"id": conflict.path.split(".")[1]}
            )
        else:
            notes.append(_("%(field)s has changed since filing.") % {"field": conflict.path})
    return notes


@dataclass(frozen=True)
class Pins:
    """Where the site stood when the request was filed and where it would stand."""

    old: dict | None
    new: dict | None
    moved_m: float | None


def pins(change, current: dict | None) -> Pins:
    """``current`` is the site's location now ({"lon", "lat"}), for a request that does not move it."""
    proposed = change.payload.get("site", {})
    if change.creates_site:
        return Pins(None, proposed.get("location"), None)
    if "location" not in proposed:
        return Pins(current, None, None)
    old = (change.base or {}).get("site", {}).get("location")
    new = proposed["location"]
    distance = metres_between(old, new)
    return Pins(old, new, None if distance is None else round(distance))


# ---------------------------------------------------------------------------------------------
# Historical versions (django-simple-history)
# ---------------------------------------------------------------------------------------------
# Fields of the registry models that are bookkeeping, not the record's content.
_NOT_CONTENT = {"id", "address_key", "location_source", "circoscrizione", "zone"}
# Derived, so not editable (diff_against leaves it out), but what a reader of the history asks.
_DERIVED_SHOWN = {"opening_hours"}
# Relations whose model field has no label of its own (the field's name, in English).
_RELATION_LABELS = {
    "site": gettext_lazy("site"),
    "organization": gettext_lazy("organisation"),
    "service": gettext_lazy("service at a site"),
}


def history_label(model_field) -> str:
    """A field's label in the history, in the page's language."""
    own = str(model_field.verbose_name)
    if model_field.is_relation and own == model_field.name.replace("_", " "):
        label = _RELATION_LABELS.get(model_field.name)
        if label is not None:
            return capfirst(str(label))
    return capfirst(model_field.verbose_name)


def history_value(model_field, value) -> str:
    """A historical field value as text: labels for choices, yes/no, dates, coordinates."""
    internal = model_field.get_internal_type()
    if internal == "BooleanField":
        return yes_no(value)
    if value is None or value == "" or value == []:
        return EMPTY
    if internal == "PointField":
        return location_text({"lon": value.x, "lat": value.y})
    if internal == "ArrayField":
        labels = dict(model_field.base_field.choices or [])
        if model_field.name == "languages":
            labels = dict(LANGUAGES)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if internal == "DateField":
        return _date(value)
    if internal == "TimeField":
        return f"{value:%H:%M}"
    return str(value)


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str | None  # None when the version created the record
    new: str


@dataclass(frozen=True)
class Version:
    record: object  # the historical row: history_date, history_user, change_request_id, ...
    kind: str  # "created", "changed" or "deleted"
    changes: list[FieldChange]


_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def content_fields(model) -> list:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in _NOT_CONTENT and (f.editable or f.name in _DERIVED_SHOWN)
    ]


def versions(model, records: list, foreign_names: dict | None = None) -> list[Version]:
    """Each historical record of one object (newest first) with what changed from the version
    before it; a first version lists the values it was created with.

    ``foreign_names`` maps (related model, id) to a name for foreign keys (category,
    organisation, site, service); an id without a name is shown as "#id".
    """
    foreign_names = foreign_names or {}
    fields = content_fields(model)
    by_name = {f.name: f for f in fields}
    order = {f.name: i for i, f in enumerate(fields)}

    def text(f, value):
        if f.is_relation:
            return (
                EMPTY if value is None else foreign_names.get((f.related_model, value), f"#{value}")
            )
        return history_value(f, value)

    out = []
    for i, record in enumerate(records):
        previous = records[i + 1] if i + 1 < len(records) else None
        if previous is None:
            pairs = [
                (f.name, None, getattr(record, f.attname))
                for f in fields
                if getattr(record, f.attname) not in (None, "", [])
            ]
        else:
            editable = [f.name for f in fields if f.editable]
            delta = record.diff_against(previous, included_fields=editable)
            pairs = [(c.field, c.old, c.new) for c in delta.changes]
            for name in _DERIVED_SHOWN & by_name.keys():
                old, new = getattr(previous, name), getattr(record, name)
                if old != new:
                    pairs.append((name, old, new))
        pairs.sort(key=lambda pair: order[pair[0]])
        changes = [
            FieldChange(
                label=history_label(by_name[name]),
                old=None if previous is None else text(by_name[name], old),
                new=text(by_name[name], new),
            )
            for name, old, new in pairs
        ]
        out.append(Version(record, _KINDS.get(record.history_type, "changed"), changes))
    return out
