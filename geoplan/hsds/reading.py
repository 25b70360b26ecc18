"""Reading an HSDS 3.0 file from another directory: its records checked against the official
schemas, then turned into geoplan proposals, one per location (a new site and its services).

Accepted shapes: an HSDS Page of services (what `/api/hsds/export.json` and `/services?full=true`
give), a list of services, one service, or a list of organisations with their ``services`` (the
compiled organization_package). Services need a physical location with coordinates and an
address, and a category from geoplan's category taxonomy (see taxonomies.py). Everything wrong is
collected, each problem naming its record and field, before anything is stored.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from geoplan.registry.vocabulary import LANGUAGE_CODES, TargetGroup

from . import schemas
from .serialise import HSDS_DAYS
from .taxonomies import CATEGORIES, DETAILS, TARGET_GROUPS, TAXONOMIES, term_codes

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CLOSURE = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$", re.S)


class HsdsFileError(Exception):
    """The file cannot be imported; ``problems`` say where and why. Nothing was stored."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class OrganisationRecord:
    hsds_id: str
    name: str
    description: str = ""
    email: str = ""
    website: str = ""
    illustrative: bool = False


@dataclass
class LocationPlan:
    """One HSDS location: the proposal for a new site, before its organisation is known."""

    hsds_id: str
    label: str  # how problems name it: “name” (id)
    organisation_id: str
    site: dict
    services: list[dict] = field(default_factory=list)
    service_labels: list[str] = field(default_factory=list)
    service_ids: list[str] = field(default_factory=list)


@dataclass
class Reading:
    organisations: dict[str, OrganisationRecord]
    locations: list[LocationPlan]
    skipped: list[str]  # records left out, with why
    notes: list[str]  # what was read but cannot be kept


def label(kind: str, record: dict) -> str:
    name = record.get("name") if isinstance(record, dict) else None
    ident = record.get("id") if isinstance(record, dict) else None
    return f"{kind} “{name or '?'}” ({ident or _('no id')})"


def _items(document) -> tuple[list, list]:
    """(items, organisations listed apart) of the accepted shapes, or HsdsFileError."""
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        extra = document.get("organizations")
        return document["contents"], extra if isinstance(extra, list) else []
    if isinstance(document, list):
        return document, []
    if isinstance(document, dict) and "id" in document and "name" in document:
        return [document], []
    raise HsdsFileError(
        [
            _(
                "The file is not an HSDS Page of services ({“contents”: [...]}), a list of "
                "services, one service, or a list of organisations with their services."
            )
        ]
    )


def _check(record, schema: str, where: str, problems: list[str]) -> bool:
    found = schemas.problems(record, schema, limit=5)
    problems.extend(f"{where}: {p.path}: {p.message}" for p in found)
    return not found


class _Terms:
    """Recognises attributes whose terms belong to geoplan's taxonomies."""

    def __init__(self):
        self.ids = {t.key: term_codes(t) for t in TAXONOMIES}
        self.taxonomy_keys = {t.id: t.key for t in TAXONOMIES}

    def of(self, attribute: dict) -> tuple[str, str | None] | None:
        term = attribute.get("taxonomy_term") or {}
        term_id = attribute.get("taxonomy_term_id") or term.get("id")
        for key, codes in self.ids.items():
            if term_id in codes:
                return key, codes[term_id]
        taxonomy_id = term.get("taxonomy_id") or (term.get("taxonomy_detail") or {}).get("id")
        if taxonomy_id in self.taxonomy_keys:
            return self.taxonomy_keys[taxonomy_id], term.get("code")
        return None


def _time(value, where: str, problems: list[str]) -> str | None:
    match = _TIME.match(str(value or "").strip())
    if not match or int(match[1]) > 24 or int(match[2]) > 59:
        problems.append(
            _(
                "%(where)s: “%(value)s” is not a time: give the local time in Turin as HH:MM, "
                "without a time zone."
            )
            % {"where": where, "value": value}
        )
        return None
    return f"{int(match[1]):02d}:{match[2]}"


def _date(value, where: str, problems: list[str]) -> str | None:
    if value in (None, ""):
        return None
    if not _DATE.match(str(value)):
        problems.append(
            _("%(where)s: “%(value)s” is not a date (YYYY-MM-DD).")
            % {"where": where, "value": value}
        )
        return None
    return str(value)[:10]


def _hours(schedules: list[dict], where: str, problems: list[str], notes: list[str]) -> list:
    rows, seen = [], set()
    for schedule in schedules:
        if schedule.get("id") in seen:
            continue
        seen.add(schedule.get("id"))
        here = f"{where}, schedule {schedule.get('id')}"
        byday = (schedule.get("byday") or "").strip()
        if not (byday or schedule.get("opens_at") or schedule.get("closes_at")):
            if schedule.get("description"):
                notes.append(
                    _("%(where)s: hours as text only (“%(text)s”), not carried: add them by hand.")
                    % {"where": here, "text": schedule["description"][:80]}
                )
            continue
        days = [d.strip().upper() for d in byday.split(",") if d.strip()]
        weekly = (schedule.get("freq") or "WEEKLY") == "WEEKLY" and schedule.get("interval") in (
            None,
            1,
        )
        # "2MO" (the second Monday) and fortnightly rules have no weekly row to become.
        if not weekly or any(re.search(r"\d", d) for d in days):
            notes.append(
                _("%(where)s: not a weekly rule, left out (geoplan keeps weekly hours).")
                % {"where": here}
            )
            continue
        unknown = [d for d in days if d not in HSDS_DAYS]
        if not days or unknown:
            problems.append(
                _("%(where)s: byday “%(value)s” is not a list of days such as MO,TU,WE.")
                % {"where": here, "value": byday}
            )
            continue
        opens = _time(schedule.get("opens_at"), f"{here}: opens_at", problems)
        closes = _time(schedule.get("closes_at"), f"{here}: closes_at", problems)
        valid_from = _date(
            schedule.get("valid_from") or schedule.get("dtstart"), f"{here}: valid_from", problems
        )
        valid_to = _date(
            schedule.get("valid_to") or schedule.get("until"), f"{here}: valid_to", problems
        )
        if opens and closes:
            rows.extend(
                {
                    "weekday": HSDS_DAYS.index(day) + 1,
                    "opens_at": opens,
                    "closes_at": closes,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                }
                for day in days
            )
    return rows


def _attributes_of(service: dict, where: str, terms: _Terms, problems: list[str]) -> dict:
    """The geoplan facts among the service's attributes (other taxonomies are ignored)."""
    found: dict = {"categories": [], "target_groups": [], "closures": []}
    for attribute in service.get("attributes") or []:
        recognised = terms.of(attribute)
        if recognised is None:
            continue
        key, code = recognised
        value = attribute.get("value")
        here = f"{where}: attributes ({code})"
        if key == CATEGORIES.key:
            found["categories"].append(code)
        elif key == TARGET_GROUPS.key:
            if code not in TargetGroup.values:
                problems.append(
                    _("%(where)s: unknown target group “%(code)s”: use one of %(codes)s.")
                    % {"where": here, "code": code, "codes": ", ".join(TargetGroup.values)}
                )
            else:
                found["target_groups"].append(code)
        elif code == "capacity":
            try:
                found["capacity"] = int(value)
            except (TypeError, ValueError):
                problems.append(
                    _("%(where)s: the capacity “%(value)s” is not a whole number.")
                    % {"where": here, "value": value}
                )
        elif code in {"capacity_unit", "target_groups_note"}:
            found[code] = str(value or "")
        elif code == "closure":
            match = _CLOSURE.match(str(value or "").strip())
            if not match:
                problems.append(
                    _("%(where)s: “%(value)s” is not a closure (YYYY-MM-DD/YYYY-MM-DD reason).")
                    % {"where": here, "value": value}
                )
            else:
                found["closures"].append(
                    {"starts_on": match[1], "ends_on": match[2], "note": (match[3] or "").strip()}
                )
        elif code in {"closed_on_public_holidays", "step_free_access", "illustrative"}:
            if str(value).lower() not in {"true", "false"}:
                problems.append(
                    _("%(where)s: the value is true or false (“%(value)s” given).")
                    % {"where": here, "value": value}
                )
            else:
                found[code] = str(value).lower() == "true"
        elif key == DETAILS.key and code not in {"source_url", "as_of_year", "location_precision"}:
            problems.append(
                _("%(where)s: “%(code)s” is not a term of the taxonomy %(taxonomy)s.")
                % {"where": here, "code": code, "taxonomy": DETAILS.name}
            )
    return found


def _category(found: dict, where: str, categories: set[str], problems: list[str]) -> str | None:
    codes = sorted(set(found["categories"]))
    if not codes:
        problems.append(
            _(
                "%(where)s: attributes: no category; give one term of the taxonomy “%(taxonomy)s” "
                "(id %(id)s), whose codes are %(codes)s."
            )
            % {
                "where": where,
                "taxonomy": CATEGORIES.name,
                "id": CATEGORIES.id,
                "codes": ", ".join(sorted(categories)),
            }
        )
        return None
    if len(codes) > 1:
        problems.append(
            _("%(where)s: attributes: one category only (%(codes)s given).")
            % {"where": where, "codes": ", ".join(str(c) for c in codes)}
        )
        return None
    if codes[0] not in categories:
        problems.append(
            _("%(where)s: attributes: unknown category “%(code)s”: use one of %(codes)s.")
            % {"where": where, "code": codes[0], "codes": ", ".join(sorted(categories))}
        )
        return None
    return codes[0]


def _service_proposal(
    service: dict, location_link: dict, where: str, ctx: dict, problems: list[str]
) -> dict | None:
    """The proposal of a new service for this HSDS service at this location (None: skipped)."""
    found = _attributes_of(service, where, ctx["terms"], problems)
    if found.get("illustrative"):
        ctx["skipped"].append(
            _("%(where)s: an illustrative example, not imported.") % {"where": where}
        )
        return None
    languages = []
    for language in service.get("languages") or []:
        code = (language.get("code") or "").strip().lower()
        if code in LANGUAGE_CODES:
            languages.append(code)
        else:
            ctx["notes"].append(
                _("%(where)s: language “%(code)s” is not in geoplan's list, left out.")
                % {"where": where, "code": language.get("code") or language.get("name")}
            )
    numbers = [
        p.get("number") for p in (service.get("phones") or location_link.get("phones") or [])
    ]
    schedules = [*(service.get("schedules") or []), *(location_link.get("schedules") or [])]
    proposal = {
        "category": _category(found, where, ctx["categories"], problems),
        "name": service.get("name") or "",
        "description": service.get("description") or "",
        "eligibility": service.get("eligibility_description") or "",
        "website": service.get("url") or "",
        "email": service.get("email") or "",
        "phone": (numbers[0] or "") if numbers else "",
        "languages": sorted(set(languages)),
        "target_groups": found["target_groups"],
        "target_groups_note": found.get("target_groups_note", ""),
        "capacity": found.get("capacity"),
        "capacity_unit": found.get("capacity_unit", ""),
        "step_free_access": found.get("step_free_access"),
        "closed_on_public_holidays": found.get("closed_on_public_holidays", False),
        "hours": _hours(schedules, where, problems, ctx["notes"]),
        "closures": found["closures"],
        "status": "published",
    }
    if len(numbers) > 1:
        ctx["notes"].append(
            _("%(where)s: %(n)d phone numbers, the first kept.")
            % {"where": where, "n": len(numbers)}
        )
    return proposal


def _address(location: dict, where: str, problems: list[str]) -> str:
    addresses = location.get("addresses") or []
    physical = [a for a in addresses if a.get("address_type") == "physical"] or addresses
    if not physical:
        problems.append(
            _("%(where)s: addresses: geoplan registers a site with its street address.")
            % {"where": where}
        )
        return ""
    first = physical[0]
    street = ", ".join(p.strip() for p in (first.get("address_1"), first.get("address_2")) if p)
    city = (first.get("city") or "").strip()
    if not city or street.lower().rstrip(" .").endswith(city.lower()):
        return street
    postcode = (first.get("postal_code") or "").strip()
    return f"{street}, {postcode} {city}" if postcode else f"{street}, {city}"


def _site(location: dict, first_service: dict, where: str, problems: list[str]) -> dict:
    latitude, longitude = location.get("latitude"), location.get("longitude")
    if latitude is None or longitude is None:
        problems.append(
            _("%(where)s: latitude and longitude: geoplan places every site on the map.")
            % {"where": where}
        )
    return {
        "name": location.get("name") or first_service.get("name") or "",
        "address": _address(location, where, problems),
        "location": None
        if latitude is None or longitude is None
        else {"lon": longitude, "lat": latitude},
    }


def _organisation(record: dict) -> OrganisationRecord:
    illustrative = any(
        (a.get("taxonomy_term_id") or (a.get("taxonomy_term") or {}).get("id"))
        == DETAILS.term_id("illustrative")
        and str(a.get("value", "true")).lower() == "true"
        for a in record.get("attributes") or []
    )
    return OrganisationRecord(
        hsds_id=record["id"],
        name=(record.get("name") or "").strip(),
        description=record.get("description") or "",
        email=record.get("email") or "",
        website=record.get("website") or "",
        illustrative=illustrative,
    )


def _records(document, problems: list[str]):
    """(services with the organisation that lists them, organisations, locations by id)."""
    items, listed = _items(document)
    services, organisations, locations = [], {}, {}
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            problems.append(_("contents[%(i)d]: not an object.") % {"i": i})
        elif "services" in item and "status" not in item:
            where = label(_("organisation"), item)
            if _check(item, schemas.ORGANIZATION, where, problems):
                organisations[item["id"]] = _organisation(item)
                locations.update({loc["id"]: loc for loc in item.get("locations") or []})
                services.extend((s, item["id"]) for s in item["services"])
        elif _check(item, schemas.SERVICE, label(_("service"), item), problems):
            services.append((item, None))
    for record in listed:
        if _check(record, schemas.ORGANIZATION_LIST, label(_("organisation"), record), problems):
            organisations.setdefault(record["id"], _organisation(record))
    for service, _listed_by in services:
        if service.get("organization"):
            organisations.setdefault(
                service["organization"]["id"], _organisation(service["organization"])
            )
        for link in service.get("service_at_locations") or []:
            if link.get("location"):
                locations.setdefault(link["location"]["id"], link["location"])
    return services, organisations, locations


def read(text: str, categories: set[str]) -> Reading:
    """The plans of an HSDS file's locations; HsdsFileError lists every problem found."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise HsdsFileError(
            [
                _("The file is not JSON: %(error)s (line %(line)d, column %(column)d).")
                % {"error": exc.msg, "line": exc.lineno, "column": exc.colno}
            ]
        ) from exc
    problems: list[str] = []
    services, organisations, locations = _records(document, problems)
    if problems:
        raise HsdsFileError(problems)
    ctx = {"terms": _Terms(), "categories": categories, "skipped": [], "notes": []}
    plans: dict[str, LocationPlan] = {}
    for service, listed_by in services:
        where = label(_("service"), service)
        if service.get("status") != "active":
            ctx["skipped"].append(
                _("%(where)s: status “%(status)s”, not imported (only active services are).")
                % {"where": where, "status": service.get("status")}
            )
            continue
        links = service.get("service_at_locations") or []
        if not links:
            ctx["skipped"].append(
                _("%(where)s: no location; geoplan registers services at a place.")
                % {"where": where}
            )
        for j, link in enumerate(links):
            location = link.get("location") or locations.get(link.get("location_id"))
            if location is None:
                problems.append(
                    _("%(where)s: service_at_locations[%(j)d]: location %(id)s is not in the file.")
                    % {"where": where, "j": j, "id": link.get("location_id")}
                )
                continue
            place = label(_("location"), location)
            if location.get("location_type") != "physical":
                ctx["skipped"].append(
                    _("%(where)s: a %(type)s location, not a place on the map; not imported.")
                    % {"where": place, "type": location.get("location_type")}
                )
                continue
            proposal = _service_proposal(service, link, where, ctx, problems)
            if proposal is None:
                continue
            plan = plans.get(location["id"])
            if plan is None:
                plan = plans[location["id"]] = LocationPlan(
                    hsds_id=location["id"],
                    label=place,
                    organisation_id=location.get("organization_id")
                    or service.get("organization_id")
                    or listed_by
                    or "",
                    site=_site(location, service, place, problems),
                )
            plan.services.append(proposal)
            plan.service_labels.append(where)
            plan.service_ids.append(service["id"])
    for plan in plans.values():
        if not plan.organisation_id:
            problems.append(
                _(
                    "%(where)s: organization_id: neither the location nor its services name the "
                    "organisation that runs it."
                )
                % {"where": plan.label}
            )
    if problems:
        raise HsdsFileError(problems)
    return Reading(organisations, list(plans.values()), ctx["skipped"], ctx["notes"])
