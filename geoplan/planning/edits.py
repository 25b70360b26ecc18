"""A scenario's edits: checked before they are stored, and applied to the published sites.

The API, the workspace, the scenario of the registry's planned sites and an optimal siting's
answer (:mod:`geoplan.planning.siting_scenario`) go through the same checks: :func:`clean_edit`
turns one edit as JSON into the fields of a :class:`ScenarioEdit`, or refuses it with a
sentence per field; :func:`add_edits` checks and stores several at once or none, and
:func:`store_edits` stores edits already checked. :func:`apply_edits` applies stored edits to a
copy of the sites frame of an accessibility run.

A capacity edit takes a capacity above 0: the access measures read 0 as no known capacity.
An added site without a capacity (or with 0) counts one unit of supply in E2SFCA when its
category counts capacities (see :func:`geoplan.analysis.measures.supply_of`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd
from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils.translation import gettext as _

from geoplan.registry.hours import HoursError
from geoplan.registry.hours import parse as parse_hours
from geoplan.registry.models import ServiceCategory, Site
from geoplan.territory.models import City

from .models import Scenario, ScenarioEdit
from .query_values import whole_id

MAX_EDITS = 100
KINDS = tuple(ScenarioEdit.Kind.values)
NAME_MAX = ScenarioEdit._meta.get_field("name").max_length
NOTE_MAX = ScenarioEdit._meta.get_field("note").max_length
HOURS_MAX = ScenarioEdit._meta.get_field("hours").max_length

# Which fields each kind reads; any other given with a value is refused, so that a planner who
# sends a position with a closure learns it means nothing instead of seeing it dropped.
FIELDS_OF = {
    "add": {"category", "lon", "lat", "capacity", "hours", "name"},
    "close": {"site"},
    "move": {"site", "lon", "lat"},
    "capacity": {"site", "category", "capacity"},
}
OPTIONAL_FIELDS = {"kind", "note", "category", "site", "lon", "lat", "capacity", "hours", "name"}


class EditRefused(Exception):
    """An edit that cannot be stored: ``problems`` maps each field to a sentence."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = problems


def published_services(include_illustrative: bool = False):
    """The services edits may act on: those an accessibility run counts."""
    from geoplan.registry.models import Service

    return Service.objects.published(include_illustrative)


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value, name: str, problems: dict) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        problems[name] = _("%(field)s must be a number.") % {"field": name}
        return None
    try:
        number = float(value)
    except ValueError:
        problems[name] = _("%(field)s must be a number, not %(value)r.") % {
            "field": name,
            "value": value,
        }
        return None
    if not math.isfinite(number):
        problems[name] = _("%(field)s must be a finite number.") % {"field": name}
        return None
    return number


def _integer(value, name: str, problems: dict) -> int | None:
    if isinstance(value, bool):
        value = None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        # Nine ASCII digits at most: "²" is a digit to str.isdigit, not to int.
        value = whole_id(value.strip())
    if not isinstance(value, int):
        problems[name] = _("%(field)s must be the id of a site (a whole number).") % {"field": name}
        return None
    return value


def _text(value, name: str, max_length: int, problems: dict) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems[name] = _("%(field)s must be text.") % {"field": name}
        return ""
    value = value.strip()
    if "\x00" in value:
        problems[name] = _("%(field)s must not hold a NUL character.") % {"field": name}
    elif len(value) > max_length:
        problems[name] = _("%(field)s is at most %(n)d characters long (%(given)d given).") % {
            "field": name,
            "n": max_length,
            "given": len(value),
        }
    return value


def _category(code, problems: dict) -> ServiceCategory | None:
    if not isinstance(code, str) or "\x00" in code:
        problems["category"] = _("category must be a category's code, as text.")
        return None
    category = ServiceCategory.objects.filter(code=code).first()
    if category is None:
        known = ", ".join(ServiceCategory.objects.values_list("code", flat=True))
        problems["category"] = _("Unknown category %(code)r. Known: %(known)s.") % {
            "code": code,
            "known": known,
        }
    return category


def turin_boundary():
    """Turin's boundary, prepared for many point tests (EPSG:4326)."""
    return City.turin().geom.prepared


def clean_edit(data, boundary=None) -> dict:
    """One edit as JSON (see the module doc) -> the fields of a :class:`ScenarioEdit`.

    Raises :class:`EditRefused` with a sentence per refused field. ``boundary`` (from
    :func:`turin_boundary`) saves reading it again when many edits are checked.
    """
    if not isinstance(data, dict):
        raise EditRefused({"edit": _("An edit is a JSON object with a kind.")})
    problems: dict[str, str] = {}
    kind = data.get("kind")
    if _blank(kind):
        raise EditRefused(
            {"kind": _("Say what the edit does: kind is add, close, move or capacity.")}
        )
    if kind not in KINDS:
        raise EditRefused(
            {"kind": _("Unknown kind %(kind)r: use add, close, move or capacity.") % {"kind": kind}}
        )
    wanted = FIELDS_OF[kind]
    for name in sorted(OPTIONAL_FIELDS - wanted - {"kind", "note"}):
        if not _blank(data.get(name)):
            problems[name] = _("A %(kind)s edit takes no %(field)s: leave it out.") % {
                "kind": kind,
                "field": name,
            }
    out = {
        "kind": kind,
        "category": None,
        "site": None,
        "geom": None,
        "capacity": None,
        "hours": "",
        "name": "",
        "note": _text(data.get("note"), "note", NOTE_MAX, problems),
    }

    if "category" in wanted:
        if _blank(data.get("category")):
            problems["category"] = _("A %(kind)s edit needs a category.") % {"kind": kind}
        else:
            out["category"] = _category(data["category"], problems)

    if "lon" in wanted:
        lon_lat = []
        for name in ("lon", "lat"):
            if _blank(data.get(name)):
                problems[name] = _("A %(kind)s edit needs %(field)s (degrees, EPSG:4326).") % {
                    "kind": kind,
                    "field": name,
                }
            else:
                lon_lat.append(_number(data[name], name, problems))
        if len(lon_lat) == 2 and None not in lon_lat:
            lon, lat = lon_lat
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                problems["lon"] = _(
                    "lon and lat (%(lon)s, %(lat)s) are not a position in degrees: lon runs "
                    "from -180 to 180, lat from -90 to 90."
                ) % {"lon": lon, "lat": lat}
            else:
                point = Point(lon, lat, srid=4326)
                if not (boundary or turin_boundary()).intersects(point):
                    problems["lon"] = _(
                        "The position (%(lon).5f, %(lat).5f) given by lon and lat is outside "
                        "the City of Turin: a scenario's site must be inside it."
                    ) % {"lon": lon, "lat": lat}
                else:
                    out["geom"] = point

    if "capacity" in wanted:
        capacity = data.get("capacity")
        if _blank(capacity):
            if kind == "capacity":
                problems["capacity"] = _("A capacity edit needs the new capacity.")
        else:
            number = _number(capacity, "capacity", problems)
            if number is not None and number < 0:
                problems["capacity"] = _("capacity must be at least 0.")
            elif number == 0 and kind == "capacity":
                # A capacity of 0 is no known capacity to the access measures (it would count
                # one unit), so it cannot mean "no more places".
                problems["capacity"] = _(
                    "capacity must be more than 0: to stop counting the site, close it instead."
                )
            elif number is not None:
                out["capacity"] = number

    if "hours" in wanted:
        hours = _text(data.get("hours"), "hours", HOURS_MAX, problems)
        if hours and "hours" not in problems:
            try:
                parse_hours(hours)
            except HoursError as exc:
                problems["hours"] = str(exc)
            else:
                out["hours"] = hours

    if "name" in wanted:
        out["name"] = _text(data.get("name"), "name", NAME_MAX, problems)

    if "site" in wanted:
        if _blank(data.get("site")):
            problems["site"] = _("A %(kind)s edit needs the id of the site.") % {"kind": kind}
        else:
            site_id = _integer(data["site"], "site", problems)
            if site_id is not None:
                out["site"] = _site(site_id, kind, out["category"], problems)

    if problems:
        raise EditRefused(problems)
    return out


def _site(site_id: int, kind: str, category, problems: dict) -> Site | None:
    site = Site.objects.filter(pk=site_id).first() if 0 < site_id < 2**31 else None
    if site is None:
        problems["site"] = _("There is no site %(id)d.") % {"id": site_id}
        return None
    services = published_services().filter(site=site)
    if not services.exists():
        problems["site"] = _(
            "Site %(id)d (%(name)s) has no published service: a scenario closes, moves or "
            "changes the capacity of published services only."
        ) % {"id": site_id, "name": site.name}
        return None
    if (
        kind == "capacity"
        and category is not None
        and not services.filter(category=category).exists()
    ):
        problems["site"] = _(
            "Site %(id)d (%(name)s) has no published service of the category %(category)s: "
            "its capacity cannot change."
        ) % {"id": site_id, "name": site.name, "category": category.code}
        return None
    return site


def add_edits(scenario: Scenario, edits: list) -> list[ScenarioEdit]:
    """Check every edit (JSON, as the API takes them) and store them after the scenario's own,
    all or none.

    Raises :class:`EditRefused` (problems keyed by the edit's place in ``edits``, from 0, as in
    the API's errors) and stores nothing when any is refused or the scenario would hold more
    than ``MAX_EDITS``.
    """
    if not isinstance(edits, list):
        raise EditRefused({"edits": _("edits must be a list of edits.")})
    _check_room(scenario, len(edits))
    boundary = turin_boundary() if edits else None
    cleaned, problems = [], {}
    for i, data in enumerate(edits):
        try:
            cleaned.append(clean_edit(data, boundary))
        except EditRefused as exc:
            problems[str(i)] = exc.problems
    if problems:
        raise EditRefused(problems)
    return store_edits(scenario, cleaned)


def _check_room(scenario: Scenario, n: int) -> None:
    existing = scenario.edits.count() if scenario.pk else 0
    if existing + n > MAX_EDITS:
        raise EditRefused(
            {
                "edits": _("A scenario holds at most %(max)d edits: this would make %(n)d.")
                % {"max": MAX_EDITS, "n": existing + n}
            }
        )


def store_edits(scenario: Scenario, cleaned: list[dict]) -> list[ScenarioEdit]:
    """Store edits already checked by :func:`clean_edit` after the scenario's own.

    Raises :class:`EditRefused` (nothing stored) past ``MAX_EDITS``. Saving the scenario moves
    its ``updated_at``, which its cached results are keyed by.
    """
    with transaction.atomic():
        _check_room(scenario, len(cleaned))
        last = scenario.edits.order_by("-position").values_list("position", flat=True).first()
        start = 0 if last is None else last + 1
        stored = ScenarioEdit.objects.bulk_create(
            ScenarioEdit(scenario=scenario, position=start + i, **fields)
            for i, fields in enumerate(cleaned)
        )
        scenario.save(update_fields=["updated_at"])
    return stored


def remove_edit(edit: ScenarioEdit) -> None:
    """Delete an edit; the scenario's ``updated_at`` moves, so its cached results are not used."""
    with transaction.atomic():
        scenario = edit.scenario
        edit.delete()
        scenario.save(update_fields=["updated_at"])


@dataclass
class Applied:
    """Sites with a scenario's edits applied, what they change and which edits did nothing."""

    sites: pd.DataFrame
    categories: list[str]
    # {"edit": id, "number": 1-based place in the list, "kind", "site"}
    skipped: list[dict] = field(default_factory=list)


def apply_edits(sites: pd.DataFrame, edits, category_order) -> Applied:
    """Apply ``edits`` (ScenarioEdit rows, in order) to a copy of ``sites``.

    ``sites``: one row per published service (site_id, service_id, category, lon, lat in
    EPSG:4326, capacity), as :func:`geoplan.access.inputs.sites_frame` gives. An added site gets
    a negative site_id (-1, -2, ...) and no service_id. An edit naming a site with no published
    service left (closed, archived, unpublished, or closed by an earlier edit) changes nothing
    and is listed in ``skipped``. ``categories``: those whose sites changed, in
    ``category_order``.
    """
    out = sites.copy()
    touched: set[str] = set()
    skipped = []
    added = 0
    for number, edit in enumerate(edits, start=1):
        code = edit.category.code if edit.category_id else None
        if edit.kind == "add":
            added += 1
            row = {
                "site_id": -added,
                "service_id": None,
                "category": code,
                "lon": edit.geom.x,
                "lat": edit.geom.y,
                "capacity": float("nan") if edit.capacity is None else float(edit.capacity),
            }
            out = pd.concat([out, pd.DataFrame([row], columns=out.columns)], ignore_index=True)
            touched.add(code)
            continue
        at_site = out["site_id"] == edit.site_id
        if edit.kind == "capacity":
            at_site &= out["category"] == code
        if not at_site.any():
            skipped.append(
                {
                    "edit": edit.pk,
                    "number": number,
                    "kind": edit.kind,
                    "site": edit.site_id,
                }
            )
            continue
        touched.update(out.loc[at_site, "category"])
        if edit.kind == "close":
            out = out[~at_site].reset_index(drop=True)
        elif edit.kind == "move":
            out.loc[at_site, ["lon", "lat"]] = [edit.geom.x, edit.geom.y]
        else:
            out.loc[at_site, "capacity"] = float(edit.capacity)
    order = {c: i for i, c in enumerate(category_order)}
    return Applied(
        sites=out,
        categories=sorted(touched, key=lambda c: (order.get(c, len(order)), c)),
        skipped=skipped,
    )
