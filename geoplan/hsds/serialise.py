"""geoplan's registry as HSDS 3.0 objects.

HSDS names: organization -> Organization, location -> Site, service and service_at_location ->
Service (geoplan's service is one service offered at one site, so both HSDS objects come from one
row and carry its primary key), schedule -> OpeningHours. Fields with no value are left out
rather than sent as null: the schemas type them as strings and numbers.

List items give a record's own fields (and its attributes); full objects nest everything.
"""

from __future__ import annotations

import re

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

from geoplan.registry.models import LocationPrecision, Organization, Service, Site
from geoplan.registry.vocabulary import LANGUAGES

from .ids import hsds_id
from .public import organisation_of
from .taxonomies import CATEGORIES, DETAILS, TARGET_GROUPS, Terms

HSDS_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # weekday 1..7
CITY = "Torino"
PROVINCE = "TO"
REGION = "Piemonte"
COUNTRY = "IT"
_LANGUAGE_NAMES = dict(LANGUAGES)
# "Via Tepice 23, Torino", "Via Vignale 4, 10132 Torino": the street, then CAP and city.
_ADDRESS = re.compile(r"^(?P<street>.+?),\s*(?:(?P<cap>\d{5})\s+)?(?:Torino|Turin)\s*$", re.I)
COORDINATE_DECIMALS = 7  # about 1 cm


def _given(**fields) -> dict:
    """The fields that have a value."""
    return {k: v for k, v in fields.items() if v not in (None, "", [])}


def _hhmm(value) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


# ---------------------------------------------------------------------------------------------
# Organisations
# ---------------------------------------------------------------------------------------------
def organisation_item(org: Organization, terms: Terms) -> dict:
    item = _given(
        id=hsds_id("organization", org.pk),
        name=org.name,
        email=org.email,
        website=org.website,
    )
    # Required by HSDS; empty when geoplan has no description (never invented).
    item["description"] = org.description
    if org.is_illustrative:
        item["attributes"] = [
            terms.attribute(DETAILS, "illustrative", "organization", item["id"], "true")
        ]
    return item


def organisation_full(
    org: Organization, services: list[Service], sites: list[Site], terms: Terms, full: bool
) -> dict:
    """The organisation with its locations and its services (their own fields, or whole)."""
    return {
        **organisation_item(org, terms),
        "locations": [location_full(site, terms) for site in sites],
        "services": [
            service_full(s, terms) if full else service_item(s, terms, with_organisation=False)
            for s in services
        ],
    }


# ---------------------------------------------------------------------------------------------
# Locations
# ---------------------------------------------------------------------------------------------
def location_item(site: Site) -> dict:
    return _given(
        id=hsds_id("location", site.pk),
        location_type="physical",
        organization_id=hsds_id("organization", site.organization_id)
        if site.organization_id
        else None,
        name=site.name,
        latitude=round(site.geom.y, COORDINATE_DECIMALS),
        longitude=round(site.geom.x, COORDINATE_DECIMALS),
    )


def address(site: Site) -> dict:
    match = _ADDRESS.match(site.address.strip())
    return {
        "id": hsds_id("address", site.pk),
        "location_id": hsds_id("location", site.pk),
        "address_1": match["street"] if match else site.address,
        "city": CITY,
        "region": REGION,
        "state_province": PROVINCE,
        # Required by HSDS; geoplan keeps a postcode only where the address gives one.
        "postal_code": (match["cap"] or "") if match else "",
        "country": COUNTRY,
        "address_type": "physical",
    }


def accessibility(site: Site) -> list[dict]:
    """Step-free access, known per service in geoplan, said of the location: one entry per
    answer given, naming the services when they differ."""
    services = getattr(site, "public_services", None) or []
    by_value: dict[bool, list[str]] = {}
    for service in services:
        if service.step_free_access is not None:
            by_value.setdefault(service.step_free_access, []).append(service.name)
    entries = []
    for value in (True, False):
        if value not in by_value:
            continue
        entry = {
            "id": hsds_id("accessibility", site.pk, value),
            "location_id": hsds_id("location", site.pk),
            "description": _("Step-free access") if value else _("No step-free access"),
        }
        if len(by_value) > 1:
            entry["details"] = _("For: %(services)s") % {"services": ", ".join(by_value[value])}
        entries.append(entry)
    return entries


def location_full(site: Site, terms: Terms) -> dict:
    location = location_item(site)
    location["addresses"] = [address(site)]
    if entries := accessibility(site):
        location["accessibility"] = entries
    location["attributes"] = [
        terms.attribute(
            DETAILS, "location_precision", "location", location["id"], site.location_precision
        )
    ]
    if site.location_precision == LocationPrecision.STREET:
        location["description"] = _("Approximate location: placed halfway along the named street.")
    return location


# ---------------------------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------------------------
def _service_attributes(service: Service, terms: Terms) -> list[dict]:
    sid = hsds_id("service", service.pk)

    def attribute(taxonomy, code, value=None, key=None):
        return terms.attribute(taxonomy, code, "service", sid, value, key)

    attributes = [attribute(CATEGORIES, service.category.code)]
    attributes += [
        attribute(TARGET_GROUPS, group)
        for group in service.target_groups
        if (TARGET_GROUPS.key, group) in terms.by_key
    ]
    if service.capacity is not None:
        attributes.append(attribute(DETAILS, "capacity", str(service.capacity)))
        attributes.append(attribute(DETAILS, "capacity_unit", service.capacity_unit))
    if service.target_groups_note:
        attributes.append(attribute(DETAILS, "target_groups_note", service.target_groups_note))
    for closure in service.closures.all():
        value = f"{closure.starts_on.isoformat()}/{closure.ends_on.isoformat()}"
        if closure.note:
            value += f" {closure.note}"
        attributes.append(attribute(DETAILS, "closure", value, key=closure.pk))
    if service.closed_on_public_holidays:
        attributes.append(attribute(DETAILS, "closed_on_public_holidays", "true"))
    if service.step_free_access is not None:
        attributes.append(
            attribute(DETAILS, "step_free_access", "true" if service.step_free_access else "false")
        )
    if service.source_url:
        attributes.append(attribute(DETAILS, "source_url", service.source_url))
    if service.as_of_year:
        attributes.append(attribute(DETAILS, "as_of_year", str(service.as_of_year)))
    if service.is_illustrative:
        attributes.append(attribute(DETAILS, "illustrative", "true"))
    return attributes


def service_item(service: Service, terms: Terms, with_organisation: bool = True) -> dict:
    """The service's own fields, its attributes and (in lists) its organisation."""
    org = organisation_of(service)
    item = _given(
        id=hsds_id("service", service.pk),
        organization_id=hsds_id("organization", org.pk) if org else None,
        name=service.name,
        description=service.description,
        url=service.website,
        email=service.email,
        # Only published services are served: running, as far as the registry knows.
        status="active",
        eligibility_description=service.eligibility,
        assured_date=service.last_verified.isoformat() if service.last_verified else None,
        alert=_("Illustrative example: not a real service.") if service.is_illustrative else None,
    )
    item["attributes"] = _service_attributes(service, terms)
    if with_organisation and org is not None:
        item["organization"] = organisation_item(org, terms)
    return item


def _closure_notes(service: Service) -> str:
    notes = [_("Times are local time in Turin (Europe/Rome).")]
    for closure in service.closures.all():
        text = _("Closed from %(start)s to %(end)s") % {
            "start": closure.starts_on.isoformat(),
            "end": closure.ends_on.isoformat(),
        }
        notes.append(f"{text}: {closure.note}." if closure.note else f"{text}.")
    if service.closed_on_public_holidays:
        notes.append(_("Closed on public holidays."))
    return " ".join(notes)


def _row_words(row) -> str:
    text = f"{WEEKDAYS[row.weekday - 1]} {_hhmm(row.opens_at)}-{_hhmm(row.closes_at)}"
    if row.valid_from or row.valid_to:
        text += " (%s)" % (
            _("from %(start)s to %(end)s")
            % {
                "start": row.valid_from.isoformat() if row.valid_from else "…",
                "end": row.valid_to.isoformat() if row.valid_to else "…",
            }
        )
    return text


def schedules(service: Service) -> list[dict]:
    """One weekly schedule per opening-hours row; where only the published text is known, one
    schedule with that text alone. The published text is each schedule's description, closed
    days and public holidays its notes."""
    ids = {
        "service_id": hsds_id("service", service.pk),
        "location_id": hsds_id("location", service.site_id),
        "service_at_location_id": hsds_id("service_at_location", service.pk),
    }
    notes = _closure_notes(service)
    rows = sorted(
        service.schedules.all(),
        key=lambda r: (r.valid_from is not None, r.valid_from, r.weekday, r.opens_at),
    )
    if not rows:
        closed = bool(service.closures.all()) or service.closed_on_public_holidays
        if not service.hours_text and not closed:
            return []
        return [
            _given(
                id=hsds_id("schedule_text", service.pk),
                **ids,
                description=service.hours_text,
                notes=notes,
            )
        ]
    return [
        _given(
            id=hsds_id("schedule", row.pk),
            **ids,
            freq="WEEKLY",
            wkst="MO",
            byday=HSDS_DAYS[row.weekday - 1],
            opens_at=_hhmm(row.opens_at),
            closes_at=_hhmm(row.closes_at),
            valid_from=row.valid_from.isoformat() if row.valid_from else None,
            valid_to=row.valid_to.isoformat() if row.valid_to else None,
            description=service.hours_text or _row_words(row),
            notes=notes,
        )
        for row in rows
    ]


def phones(service: Service) -> list[dict]:
    if not service.phone:
        return []
    return [
        {
            "id": hsds_id("phone", service.pk),
            "service_id": hsds_id("service", service.pk),
            "number": service.phone,
        }
    ]


def languages(service: Service) -> list[dict]:
    return [
        {
            "id": hsds_id("language", service.pk, code),
            "service_id": hsds_id("service", service.pk),
            "name": str(_LANGUAGE_NAMES.get(code, code)),
            "code": code,
        }
        for code in sorted(set(service.languages))
    ]


def service_at_location_item(service: Service, terms: Terms) -> dict:
    return {
        "id": hsds_id("service_at_location", service.pk),
        "service_id": hsds_id("service", service.pk),
        "location_id": hsds_id("location", service.site_id),
        "location": location_item(service.site),
        "service": service_item(service, terms),
    }


def service_full(service: Service, terms: Terms) -> dict:
    """The service with its organisation, hours, phone, languages and its location."""
    return _given(
        **service_item(service, terms),
        phones=phones(service),
        schedules=schedules(service),
        languages=languages(service),
        service_at_locations=[
            {
                "id": hsds_id("service_at_location", service.pk),
                "service_id": hsds_id("service", service.pk),
                "location_id": hsds_id("location", service.site_id),
                "location": location_full(service.site, terms),
            }
        ],
    )


def service_at_location_full(service: Service, terms: Terms) -> dict:
    """The service at its location: the location whole, the hours and phone here, and the
    service (whose hours are given once, here)."""
    inner = service_full(service, terms)
    for key in ("service_at_locations", "schedules", "phones"):
        inner.pop(key, None)
    return _given(
        id=hsds_id("service_at_location", service.pk),
        service_id=hsds_id("service", service.pk),
        location_id=hsds_id("location", service.site_id),
        location=location_full(service.site, terms),
        schedules=schedules(service),
        phones=phones(service),
        service=inner,
    )
