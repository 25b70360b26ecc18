"""The shape of a proposal, its validation, and snapshots of what it would replace.

A proposal (``ChangeRequest.payload``) is JSON::

    {"site": {"name": ..., "address": ..., "location": {"lon": 7.68, "lat": 45.07},
              "organization": 3},
     "services": [{"id": null, "category": "food", "name": ..., "capacity": 40,
                   "capacity_unit": "meals", "target_groups": ["homeless"],
                   "target_groups_note": "", "languages": ["it", "fr"],
                   "step_free_access": true, "eligibility": "", "description": "",
                   "phone": "", "email": "", "website": "", "status": "published",
                   "closed_on_public_holidays": true,
                   "hours": [{"weekday": 1, "opens_at": "09:00", "closes_at": "13:00",
                              "valid_from": null, "valid_to": null}],
                   "closures": [{"starts_on": "2026-12-24", "ends_on": "2026-12-26",
                                 "note": ""}]}]}

A new site gives every site field and at least one service; an update gives only what changes
(a service by its ``id``, with only its changed keys). Every value is checked here, the same way
for the portal, the API and file uploads; errors are keyed by their path ("services.0.hours.2").
"""

from __future__ import annotations

import re
from datetime import date, time

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from geoplan.registry import hours as hours_lib
from geoplan.registry.models import Service, ServiceCategory, Site, Status, check_inside_city
from geoplan.registry.text import normalise_address
from geoplan.registry.vocabulary import LANGUAGE_CODES, TargetGroup

SITE_FIELDS = ("name", "address", "location", "organization")
SERVICE_FIELDS = (
    "category",
    "name",
    "description",
    "capacity",
    "capacity_unit",
    "target_groups",
    "target_groups_note",
    "languages",
    "step_free_access",
    "eligibility",
    "phone",
    "email",
    "website",
    "status",
    "closed_on_public_holidays",
    "hours",
    "closures",
)
# What a partner may set a service to: running (published once approved) or stopped.
PARTNER_STATUSES = (Status.PUBLISHED, Status.ARCHIVED)
MAX_SERVICES = 20
MAX_HOURS_ROWS = 70
MAX_CLOSURES = 60
MAX_CAPACITY = 2_147_483_647  # the database column's limit
# Service.opening_hours: the derived string must fit.
MAX_OPENING_HOURS_LENGTH = Service._meta.get_field("opening_hours").max_length
_PHONE = re.compile(r"^[0-9+()./\s-]{4,50}$")
_validate_url = URLValidator(schemes=["http", "https"])


class ProposalError(ValidationError):
    """Every problem of a proposal, as {path: [sentences]}; nothing was stored."""

    def __init__(self, errors: dict[str, list[str]], *, unchanged: bool = False):
        self.errors = errors
        # The proposal is valid but gives the current values: nothing to review.
        self.unchanged = unchanged
        super().__init__([f"{path}: {m}" if path else m for path, ms in errors.items() for m in ms])


class _Errors(dict):
    def add(self, path: str, message: str) -> None:
        self.setdefault(path, []).append(str(message))


# ---------------------------------------------------------------------------------------------
# Snapshots: a record's current values in the payload's JSON form.
# ---------------------------------------------------------------------------------------------
def _location(point) -> dict | None:
    if point is None:
        return None
    return {"lon": round(point.x, 7), "lat": round(point.y, 7)}


def snapshot_site(site: Site) -> dict:
    return {
        "name": site.name,
        "address": site.address,
        "location": _location(site.geom),
        "organization": site.organization_id,
    }


def _hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def snapshot_hours(service: Service) -> list[dict]:
    return sorted(
        (
            {
                "weekday": r.weekday,
                "opens_at": _hhmm(r.opens_at),
                "closes_at": _hhmm(r.closes_at),
                "valid_from": _iso(r.valid_from),
                "valid_to": _iso(r.valid_to),
            }
            for r in service.schedules.all()
        ),
        key=_hours_key,
    )


def snapshot_closures(service: Service) -> list[dict]:
    return sorted(
        (
            {"starts_on": c.starts_on.isoformat(), "ends_on": c.ends_on.isoformat(), "note": c.note}
            for c in service.closures.all()
        ),
        key=lambda c: (c["starts_on"], c["ends_on"]),
    )


def snapshot_service(service: Service) -> dict:
    return {
        "id": service.pk,
        "category": service.category.code,
        "name": service.name,
        "description": service.description,
        "capacity": service.capacity,
        "capacity_unit": service.capacity_unit,
        # In the order clean_proposal gives, so that a value sent back unchanged is unchanged.
        "target_groups": [g for g in TargetGroup.values if g in service.target_groups]
        + sorted(g for g in service.target_groups if g not in TargetGroup.values),
        "target_groups_note": service.target_groups_note,
        "languages": sorted(set(service.languages)),
        "step_free_access": service.step_free_access,
        "eligibility": service.eligibility,
        "phone": service.phone,
        "email": service.email,
        "website": service.website,
        "status": service.status,
        "closed_on_public_holidays": service.closed_on_public_holidays,
        "hours": snapshot_hours(service),
        "closures": snapshot_closures(service),
    }


def _hours_key(row: dict):
    return (row["valid_from"] or "", row["valid_to"] or "", row["weekday"], row["opens_at"])


# ---------------------------------------------------------------------------------------------
# Cleaning: raw JSON (from a form, the API or a file) -> the payload stored, or ProposalError.
# ---------------------------------------------------------------------------------------------
def _text(errors, path, value, limit, required=False) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.add(path, _("Give text here."))
        return ""
    if "\x00" in value:
        errors.add(path, _("The text holds a character that cannot be stored (NUL)."))
        return ""
    value = value.strip()
    if required and not value:
        errors.add(path, _("This is required."))
    if len(value) > limit:
        errors.add(
            path,
            _("At most %(limit)d characters (%(n)d given).") % {"limit": limit, "n": len(value)},
        )
    return value


def _clean_location(errors, path, value):
    if value is None:
        errors.add(path, _("Place the site on the map: a site needs a location."))
        return None
    try:
        lon, lat = float(value["lon"]), float(value["lat"])
    except (TypeError, KeyError, ValueError, OverflowError):
        errors.add(path, _('A location is {"lon": number, "lat": number}.'))
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # NaN fails here too
        errors.add(path, _("Longitude and latitude are out of range."))
        return None
    try:
        check_inside_city(Point(lon, lat, srid=4326))
    except ValidationError as exc:
        for message in exc.messages:
            errors.add(path, message)
        return None
    return {"lon": round(lon, 7), "lat": round(lat, 7)}


def _known_to(site: Site, organisations: set[int]) -> bool:
    """Whether a proposer of these organisations may be told of ``site``: it is public, or theirs."""
    return (
        site.organization_id in organisations
        or site.services.filter(status=Status.PUBLISHED).exists()
    )


def _clean_site(errors, raw: dict, organisations: set[int], creating: bool, site: Site | None):
    cleaned = {}
    for key in raw:
        if key not in SITE_FIELDS:
            errors.add(f"site.{key}", _("Unknown field “%(key)s”.") % {"key": key})
    required = creating
    if "name" in raw or required:
        cleaned["name"] = _text(errors, "site.name", raw.get("name"), 200, required=True)
    if "address" in raw or required:
        cleaned["address"] = _text(errors, "site.address", raw.get("address"), 300, required=True)
        if cleaned["address"]:
            same = Site.objects.filter(address_key=normalise_address(cleaned["address"]))
            if site is not None:
                same = same.exclude(pk=site.pk)
            other = same.first()
            if other is not None and other.organization_id in organisations:
                errors.add(
                    "site.address",
                    _(
                        "“%(address)s” is already the address of your site “%(name)s”: add the "
                        "service to that site (its page in the partner portal, “Add a service”) "
                        "instead of registering the site again."
                    )
                    % {"address": cleaned["address"], "name": other.name},
                )
            elif other is not None and _known_to(other, organisations):
                errors.add(
                    "site.address",
                    _(
                        "“%(address)s” is already the address of the registered site “%(name)s”: "
                        "the registry keeps one site per address. If your service is there, ask "
                        "the city's moderators to link that site to your organisation."
                    )
                    % {"address": cleaned["address"], "name": other.name},
                )
            elif other is not None:
                errors.add(
                    "site.address",
                    _(
                        "“%(address)s” is already the address of a registered site: the registry "
                        "keeps one site per address. Ask the city's moderators to link that site "
                        "to your organisation."
                    )
                    % {"address": cleaned["address"]},
                )
    if "location" in raw or required:
        cleaned["location"] = _clean_location(errors, "site.location", raw.get("location"))
    if "organization" in raw or required:
        org = raw.get("organization")
        if org is None and len(organisations) == 1:
            org = next(iter(organisations))
        if org is None:
            errors.add("site.organization", _("Say which of your organisations runs this site."))
        elif isinstance(org, bool) or not isinstance(org, int) or org not in organisations:
            errors.add(
                "site.organization",
                _("You can only propose sites for your own organisations."),
            )
        cleaned["organization"] = org
    return cleaned


def _clean_date(errors, path, value):
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        errors.add(path, _("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value})
        return None


def _clean_time(errors, path, value):
    text = str(value or "").strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if (
        not match
        or int(match[1]) > 24
        or int(match[2]) > 59
        or (int(match[1]) == 24 and int(match[2]))
    ):
        errors.add(path, _("“%(value)s” is not a time (HH:MM).") % {"value": text})
        return None
    hour = int(match[1]) % 24  # 24:00 is midnight
    return f"{hour:02d}:{match[2]}"


def _clean_hours(errors, path, rows):
    if not isinstance(rows, list):
        errors.add(path, _("Opening hours are a list of weekly ranges."))
        return []
    if len(rows) > MAX_HOURS_ROWS:
        errors.add(path, _("At most %(n)d weekly ranges.") % {"n": MAX_HOURS_ROWS})
        return []
    cleaned = []
    for i, row in enumerate(rows):
        where = f"{path}.{i}"
        if not isinstance(row, dict):
            errors.add(where, _("Each range is {weekday, opens_at, closes_at}."))
            continue
        weekday = row.get("weekday")
        if isinstance(weekday, bool) or not isinstance(weekday, int) or not 1 <= weekday <= 7:
            errors.add(where, _("The weekday is a number from 1 (Monday) to 7 (Sunday)."))
            continue
        if (
            not str(row.get("opens_at") or "").strip()
            or not str(row.get("closes_at") or "").strip()
        ):
            errors.add(
                where,
                _("%(day)s: give both the opening and the closing time of each range.")
                % {"day": str(WEEKDAYS[weekday - 1])},
            )
            continue
        opens = _clean_time(errors, f"{where}.opens_at", row.get("opens_at"))
        closes = _clean_time(errors, f"{where}.closes_at", row.get("closes_at"))
        valid_from = _clean_date(errors, f"{where}.valid_from", row.get("valid_from"))
        valid_to = _clean_date(errors, f"{where}.valid_to", row.get("valid_to"))
        if opens and closes:
            cleaned.append(
                {
                    "weekday": weekday,
                    "opens_at": opens,
                    "closes_at": closes,
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                }
            )
    return sorted(cleaned, key=_hours_key)


def _clean_closures(errors, path, rows):
    if not isinstance(rows, list):
        errors.add(path, _("Closures are a list of {starts_on, ends_on, note}."))
        return []
    if len(rows) > MAX_CLOSURES:
        errors.add(path, _("At most %(n)d closures.") % {"n": MAX_CLOSURES})
        return []
    cleaned = []
    for i, row in enumerate(rows):
        where = f"{path}.{i}"
        if not isinstance(row, dict):
            errors.add(where, _("Each closure is {starts_on, ends_on, note}."))
            continue
        start = _clean_date(errors, f"{where}.starts_on", row.get("starts_on"))
        end = _clean_date(errors, f"{where}.ends_on", row.get("ends_on") or row.get("starts_on"))
        note = _text(errors, f"{where}.note", row.get("note"), 200)
        if start is None:
            errors.add(f"{where}.starts_on", _("Give the first closed day."))
        elif end and start > end:
            errors.add(where, _("The closure ends before it starts."))
        else:
            cleaned.append({"starts_on": start, "ends_on": end, "note": note})
    return sorted(cleaned, key=lambda c: (c["starts_on"], c["ends_on"]))


def hours_intervals(rows: list[dict]) -> list[hours_lib.Interval]:
    return [
        hours_lib.Interval(
            r["weekday"],
            time.fromisoformat(r["opens_at"]),
            time.fromisoformat(r["closes_at"]),
            date.fromisoformat(r["valid_from"]) if r["valid_from"] else None,
            date.fromisoformat(r["valid_to"]) if r["valid_to"] else None,
        )
        for r in rows
    ]


def closed_days(rows: list[dict]) -> list[hours_lib.ClosedDays]:
    return [
        hours_lib.ClosedDays(
            date.fromisoformat(c["starts_on"]), date.fromisoformat(c["ends_on"]), c["note"]
        )
        for c in rows
    ]


def _clean_service(errors, path, raw, current: dict | None, categories: dict[str, int]):
    creating = current is None
    cleaned: dict = {"id": None if creating else current["id"]}
    for key in raw:
        if key not in SERVICE_FIELDS and key != "id":
            errors.add(f"{path}.{key}", _("Unknown field “%(key)s”.") % {"key": key})

    def given(key):
        return key in raw or (creating and key in {"category", "name"})

    if given("category"):
        code = raw.get("category")
        if not isinstance(code, str):
            code = None if code in (None, "") else str(code)
        if not code:
            errors.add(f"{path}.category", _("Choose a category."))
        elif code not in categories:
            errors.add(
                f"{path}.category",
                _("Unknown category “%(code)s”: use one of %(codes)s.")
                % {"code": code, "codes": ", ".join(sorted(categories))},
            )
        cleaned["category"] = code
    if given("name"):
        cleaned["name"] = _text(errors, f"{path}.name", raw.get("name"), 200, required=True)
    for key, limit in (
        ("description", 4000),
        ("target_groups_note", 300),
        ("eligibility", 2000),
        ("capacity_unit", 50),
    ):
        if key in raw:
            cleaned[key] = _text(errors, f"{path}.{key}", raw.get(key), limit)
    if "capacity" in raw:
        capacity = raw.get("capacity")
        if capacity in ("", None):
            cleaned["capacity"] = None
        elif (
            isinstance(capacity, bool)
            or not isinstance(capacity, int)
            or not 0 <= capacity <= MAX_CAPACITY
        ):
            errors.add(
                f"{path}.capacity",
                _("The capacity is a whole number from 0 to %(max)d.") % {"max": MAX_CAPACITY},
            )
        else:
            cleaned["capacity"] = capacity
    merged = {**(current or {}), **cleaned}
    if merged.get("capacity") is not None and not merged.get("capacity_unit"):
        errors.add(f"{path}.capacity_unit", _("Say what the capacity counts (beds, meals, ...)."))
    if "target_groups" in raw:
        groups = raw.get("target_groups") or []
        if not isinstance(groups, list):
            groups = [groups]
        unknown = [g for g in groups if not isinstance(g, str) or g not in TargetGroup.values]
        if unknown:
            errors.add(
                f"{path}.target_groups",
                _(
                    "Unknown target group “%(group)s”: use one of %(codes)s, and write anything else in target_groups_note."
                )
                % {"group": unknown[0], "codes": ", ".join(TargetGroup.values)},
            )
        cleaned["target_groups"] = [
            g for g in TargetGroup.values if g in {x for x in groups if isinstance(x, str)}
        ]
    if "languages" in raw:
        languages = raw.get("languages") or []
        if not isinstance(languages, list):
            languages = [languages]
        unknown = [
            code for code in languages if not isinstance(code, str) or code not in LANGUAGE_CODES
        ]
        if unknown:
            errors.add(
                f"{path}.languages",
                _("Unknown language code “%(code)s”: use ISO 639-1 codes such as %(codes)s.")
                % {"code": unknown[0], "codes": ", ".join(sorted(LANGUAGE_CODES))},
            )
        cleaned["languages"] = sorted(
            {code for code in languages if isinstance(code, str)} & LANGUAGE_CODES
        )
    for key in ("step_free_access",):
        if key in raw:
            value = raw.get(key)
            if value not in (True, False, None):
                errors.add(f"{path}.{key}", _("Answer true, false or null (not known)."))
            cleaned[key] = value if value in (True, False) else None
    if "closed_on_public_holidays" in raw:
        value = raw.get("closed_on_public_holidays")
        if value not in (True, False):
            errors.add(f"{path}.closed_on_public_holidays", _("Answer true or false."))
        cleaned["closed_on_public_holidays"] = bool(value)
    if "phone" in raw:
        phone = _text(errors, f"{path}.phone", raw.get("phone"), 50)
        if phone and not _PHONE.match(phone):
            errors.add(
                f"{path}.phone", _("A phone number has digits, spaces and + ( ) . / - only.")
            )
        cleaned["phone"] = phone
    if "email" in raw:
        email = _text(errors, f"{path}.email", raw.get("email"), 254)
        if email:
            try:
                validate_email(email)
            except ValidationError:
                errors.add(
                    f"{path}.email", _("“%(value)s” is not an e-mail address.") % {"value": email}
                )
        cleaned["email"] = email
    if "website" in raw:
        website = _text(errors, f"{path}.website", raw.get("website"), 500)
        if website:
            try:
                _validate_url(website)
            except ValidationError:
                errors.add(f"{path}.website", _("Give a full web address starting with https://."))
        cleaned["website"] = website
    if "status" in raw or creating:
        status = raw.get("status") or Status.PUBLISHED
        # A status the partner may not set (planned, needs verification) may still be sent
        # back unchanged, as read.
        unchanged = current is not None and status == current["status"]
        if status not in PARTNER_STATUSES and not unchanged:
            errors.add(
                f"{path}.status",
                _("A service can be proposed as “published” (running) or “archived” (stopped)."),
            )
        cleaned["status"] = status
    if "hours" in raw:
        cleaned["hours"] = _clean_hours(errors, f"{path}.hours", raw.get("hours"))
    if "closures" in raw:
        cleaned["closures"] = _clean_closures(errors, f"{path}.closures", raw.get("closures"))
    if {"hours", "closures", "closed_on_public_holidays"} & cleaned.keys() and not any(
        k.startswith(f"{path}.hours") or k.startswith(f"{path}.closures") for k in errors
    ):
        merged = {**(current or {}), **cleaned}
        try:
            text = hours_lib.to_osm(
                hours_intervals(merged.get("hours") or []),
                closed_days(merged.get("closures") or []),
                bool(merged.get("closed_on_public_holidays")),
            )
        except hours_lib.HoursError as exc:
            errors.add(f"{path}.hours", str(exc))
        else:
            if len(text) > MAX_OPENING_HOURS_LENGTH:
                errors.add(
                    f"{path}.hours",
                    _("These hours are too many to store: group days with the same hours."),
                )
    return cleaned


def clean_proposal(raw, organisations: set[int], site: Site | None = None) -> dict:
    """The payload to store for ``raw`` (a new site when ``site`` is None), or ProposalError.

    ``organisations`` are the ids the proposer may act for. For an update, only the keys that
    differ from the record's current values are kept; a proposal that changes nothing is an error.
    """
    errors = _Errors()
    if not isinstance(raw, dict):
        raise ProposalError({"": [_("A proposal is an object with “site” and “services”.")]})
    for key in raw:
        if key not in {"site", "services"}:
            errors.add(key, _("Unknown field “%(key)s”.") % {"key": key})
    creating = site is None
    raw_site = raw.get("site") or {}
    raw_services = raw.get("services") or []
    if not isinstance(raw_site, dict):
        errors.add("site", _("“site” is an object."))
        raw_site = {}
    if not isinstance(raw_services, list):
        errors.add("services", _("“services” is a list."))
        raw_services = []
    if len(raw_services) > MAX_SERVICES:
        errors.add("services", _("At most %(n)d services in one proposal.") % {"n": MAX_SERVICES})
        raw_services = []
    if creating and not raw_services:
        errors.add("services", _("Say which service the new site offers (at least one)."))
    cleaned_site = _clean_site(errors, raw_site, organisations, creating, site)
    current_site = snapshot_site(site) if site else None
    categories = dict(ServiceCategory.objects.values_list("code", "pk"))
    existing = {}
    if site is not None:
        existing = {
            s.pk: s
            for s in site.services.select_related("category").prefetch_related(
                "schedules", "closures"
            )
        }
    services = []
    raw_index: list[int] = []  # services[k] came from raw_services[raw_index[k]]
    seen = set()
    for i, raw_service in enumerate(raw_services):
        path = f"services.{i}"
        if not isinstance(raw_service, dict):
            errors.add(path, _("Each service is an object."))
            continue
        service_id = raw_service.get("id")
        current = None
        if service_id is not None and (
            isinstance(service_id, bool) or not isinstance(service_id, int)
        ):
            errors.add(f"{path}.id", _("A service id is a whole number."))
            continue
        if service_id is not None:
            if creating or service_id not in existing:
                errors.add(
                    f"{path}.id", _("There is no service %(id)s at this site.") % {"id": service_id}
                )
                continue
            if service_id in seen:
                errors.add(f"{path}.id", _("Service %(id)s is given twice.") % {"id": service_id})
                continue
            seen.add(service_id)
            current = snapshot_service(existing[service_id])
        services.append(_clean_service(errors, path, raw_service, current, categories))
        raw_index.append(i)
    # One service per category and name at a site: new services and renamed ones alike.
    final = {pk: (s.category.code, s.name) for pk, s in existing.items()}
    for service in services:
        if service["id"] is not None:
            old = final[service["id"]]
            final[service["id"]] = (service.get("category", old[0]), service.get("name", old[1]))
    taken = set()
    for k, service in enumerate(services):
        if service["id"] is None:
            key = (service.get("category"), service.get("name"))
        else:
            key = final[service["id"]]
            others = [v for pk, v in final.items() if pk != service["id"]]
            if key in others:
                errors.add(
                    f"services.{raw_index[k]}.name",
                    _("This site already has a “%(name)s” service in that category.")
                    % {"name": key[1]},
                )
            continue
        if key in taken or key in final.values():
            errors.add(
                f"services.{raw_index[k]}.name",
                _("This site already has a “%(name)s” service in that category.")
                % {"name": key[1]},
            )
        taken.add(key)
    if errors:
        raise ProposalError(dict(errors))
    payload: dict = {}
    if creating:
        payload = {"site": cleaned_site, "services": services}
    else:
        site_changes = {k: v for k, v in cleaned_site.items() if current_site.get(k) != v}
        service_changes = []
        for service in services:
            if service["id"] is None:
                service_changes.append(service)
                continue
            now = snapshot_service(existing[service["id"]])
            changed = {k: v for k, v in service.items() if k != "id" and now.get(k) != v}
            if changed:
                service_changes.append({"id": service["id"], **changed})
        if site_changes:
            payload["site"] = site_changes
        if service_changes:
            payload["services"] = service_changes
        if not payload:
            raise ProposalError(
                {"": [_("Nothing would change: the values given are the current ones.")]},
                unchanged=True,
            )
    return payload


def base_for(payload: dict, site: Site | None) -> dict:
    """The current values of what ``payload`` changes (empty for a new site)."""
    if site is None:
        return {}
    current_site = snapshot_site(site)
    base: dict = {}
    if "site" in payload:
        base["site"] = {k: current_site[k] for k in payload["site"]}
    services = []
    for service in payload.get("services", []):
        if service.get("id") is None:
            continue
        now = snapshot_service(Service.objects.get(pk=service["id"]))
        services.append({"id": service["id"], **{k: now[k] for k in service if k != "id"}})
    if services:
        base["services"] = services
    return base
