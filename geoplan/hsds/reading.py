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
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from . import schemas
from .proposals import TermReader, service_proposal, site_proposal
from .taxonomies import DETAILS


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
    ctx = {"terms": TermReader(), "categories": categories, "skipped": [], "notes": []}
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
            proposal = service_proposal(service, link, where, ctx, problems)
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
                    site=site_proposal(location, service, place, problems),
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
