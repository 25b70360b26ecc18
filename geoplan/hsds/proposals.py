"""One HSDS service at one HSDS location as the values of a geoplan proposal (proposal.py).

geoplan's own facts are read from the attributes of its taxonomies (taxonomies.py); attributes
of other taxonomies are left aside. Weekly schedules become opening-hours rows, one per day;
times are local time in Turin, HH:MM. What geoplan cannot keep (a monthly rule, a language
outside its list, hours known only as text) is noted, not refused; what is wrong is a problem
naming the record and the field.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from geoplan.registry.vocabulary import LANGUAGE_CODES, TargetGroup

from .serialise import HSDS_DAYS
from .taxonomies import CATEGORIES, DETAILS, TARGET_GROUPS, TAXONOMIES, term_codes

_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CLOSURE = re.compile(r"^(\d{4}-\d{2}-\d{2})/(\d{4}-\d{2}-\d{2})(?:\s+(.*))?$", re.S)


class TermReader:
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


def _attributes_of(service: dict, where: str, terms: TermReader, problems: list[str]) -> dict:
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


def service_proposal(
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


def site_proposal(location: dict, first_service: dict, where: str, problems: list[str]) -> dict:
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
