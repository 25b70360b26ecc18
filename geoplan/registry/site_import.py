"""Import of service sites from CSV, in the format of fixtures/services/sites_from_public_sources.csv.

Shared by the `import_sites` command and the admin upload. The whole file is checked first: any
bad row rejects the file with its line number and reason, and nothing is written. Rows without
coordinates are placed on their street by the offline geocoder (precision "street"); a site that
cannot be placed is kept, unpublished and flagged as needing a location. Never an invented point.
Rows at the same address become one site with several services.

An optional `status` column says what the source states about the service's activity
(see site_status.py): its words are kept in Service.status_note, and only an active service is
published. A file without it is imported as active throughout. A row that matches a service
already registered under other words (duplicates.py) is reported, not imported twice; one for
another category at the same place is attached to that place's site.

A re-import replaces only a location the importer set itself (Site.location_source "file" or
"geocoder"), never one placed by hand; when it places a site that had no location, the site's
draft services in the file are published.

Hours: where a row's hours_text states weekly hours unambiguously (hours_text.py, which lists
what the shipped files give), the service gets those schedule rows and the OpenStreetMap string
derived from them; hours_text and source_url stay as published. A re-import leaves rows equal to
the text's as they are, and replaces rows only when they are exactly what the service's previous
text gave (the source changed its hours); rows that differ from both were set by a person and are
theirs.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction

from geoplan.analysis.geocoding import StreetGeocoder
from geoplan.registry.vocabulary import split_target_groups
from geoplan.territory.changes import assign_changed
from geoplan.territory.csv_import import ImportRejected, RowError

from .duplicates import ATTACHED, DUPLICATE, Registered, RowMatch, find_match
from .hours import derive_opening_hours, service_intervals
from .hours_text import read_hours_text
from .models import (
    LocationPrecision,
    LocationSource,
    OpeningHours,
    Service,
    Site,
    Status,
    check_inside_city,
)
from .site_rows import COLUMNS, SiteRow, parse_sites
from .text import normalise_address

__all__ = ["COLUMNS", "ImportRejected", "RowError", "import_sites", "parse_sites"]


@dataclass
class SiteImportResult:
    rows: int = 0
    building: int = 0
    street: int = 0
    unlocated: int = 0
    # Draft services published because this import placed their site.
    published: int = 0
    sites: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )
    services: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )
    unlocated_reasons: list[str] = field(default_factory=list)
    # The status of each imported row's service after the import, counted.
    statuses: dict[str, int] = field(default_factory=dict)
    matches: list[RowMatch] = field(default_factory=list)
    # Services whose schedule rows this import wrote from their hours text.
    hours_written: int = 0
    # (line, text, reason) of each row whose hours text is not read as weekly hours.
    hours_not_read: list[tuple[int, str, str]] = field(default_factory=list)

    @property
    def duplicates(self) -> list[RowMatch]:
        return [m for m in self.matches if m.kind == DUPLICATE]

    @property
    def attached(self) -> list[RowMatch]:
        return [m for m in self.matches if m.kind == ATTACHED]


@lru_cache(maxsize=1)
def default_geocoder() -> StreetGeocoder:
    return StreetGeocoder.from_edges_csv(
        Path(settings.FIXTURES_DIR) / "network" / "turin_biketrackcarall_edges.zip"
    )


def locate(rows: list[SiteRow], geocoder: StreetGeocoder) -> None:
    """Place rows without coordinates on their street; a row at an address that another row
    gives coordinates for takes those.

    The location note is stored data, kept in one language (English) whatever the importer's
    locale, so that a re-import in another language does not count as a change.
    """
    known = {normalise_address(r.address): r for r in rows if r.point is not None}
    for row in rows:
        if row.point is not None:
            continue
        same = known.get(normalise_address(row.address))
        if same is not None:
            row.point, row.precision = same.point, same.precision
            row.location_note = "coordinates of another row at the same address"
            continue
        # Also when it fails: the note then records the geocoder's reason.
        row.location_source = LocationSource.GEOCODER
        found = geocoder.geocode(row.address)
        if found.status == "ok":
            point = Point(found.lon, found.lat, srid=4326)
            try:
                check_inside_city(point)
            except ValidationError:
                row.location_note = f"street {found.street} lies outside the city"
                continue
            row.point, row.precision = point, LocationPrecision.STREET
            row.location_note = f"placed on {found.street} (street level)"
        else:
            row.location_note = found.reason


def import_sites(text: str, geocoder: StreetGeocoder | None = None) -> SiteImportResult:
    rows = parse_sites(text)
    locate(rows, geocoder or default_geocoder())
    result = SiteImportResult(rows=len(rows))
    with transaction.atomic():
        # The registry as it was before this import: a row is matched only against that.
        registered = _registered()
        own = {(normalise_address(r.address), r.category, r.name) for r in registered}
        sites: dict[str, Site] = {}
        placed: set[int] = set()
        for row in rows:
            key = normalise_address(row.address)
            try:
                match = None
                if (key, row.category.code, row.name) not in own:
                    match = find_match(row.name, row.category.code, row.address, registered)
                if match is not None:
                    kind, found = match
                    result.matches.append(RowMatch(row.line, row.name, row.address, kind, found))
                    if kind == ATTACHED:
                        site = Site.objects.get(pk=found.site_id)
                        _upsert_service(site, row, result, placed=False)
                    continue
                if key not in sites:
                    sites[key] = _upsert_site(row, result, placed)
                _upsert_service(sites[key], row, result, sites[key].pk in placed)
            except ValidationError as exc:
                # A last guard for what the row checks miss: leaving the block rolls back
                # every write, and the file is refused with this row's line.
                raise ImportRejected([RowError(row.line, _validation_reason(exc))]) from exc
        for site in sites.values():
            if site.geom is None:
                result.unlocated += 1
                result.unlocated_reasons.append(
                    f"{site.name} ({site.address}): {site.location_note}"
                )
            elif site.location_precision == LocationPrecision.BUILDING:
                result.building += 1
            else:
                result.street += 1
    return result


def _registered() -> list[Registered]:
    services = Service.objects.select_related("site", "category").order_by("pk")
    return [
        Registered(
            service_id=s.pk,
            site_id=s.site_id,
            name=s.name,
            category=s.category.code,
            site_name=s.site.name,
            address=s.site.address,
        )
        for s in services
    ]


def _validation_reason(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(
            f"{name}: {message}" if name != "__all__" else message
            for name, messages in exc.message_dict.items()
            for message in messages
        )
    return "; ".join(exc.messages)


def _upsert_site(row: SiteRow, result: SiteImportResult, placed: set[int]) -> Site:
    """Create or update the row's site; add its id to `placed` if this import located it."""
    site = Site.objects.filter(address_key=normalise_address(row.address)).first()
    location = {
        "geom": row.point,
        "location_precision": row.precision,
        "location_note": row.location_note,
        "location_source": row.location_source,
    }
    if site is None:
        site = Site(name=row.name, address=row.address, **location)
        site.full_clean()
        site.save()
        result.sites["created"] += 1
        return site
    # A location placed by hand, or better than what this file gives, is never thrown away.
    keep_location = site.geom is not None and (
        site.location_source == LocationSource.MANUAL
        or row.point is None
        or (
            site.location_precision == LocationPrecision.BUILDING
            and row.precision == LocationPrecision.STREET
        )
    )
    was_unlocated = site.geom is None
    changed = assign_changed(site, {"address": row.address} | ({} if keep_location else location))
    if changed:
        if not keep_location:
            site.set_location_source(row.location_source)
        site.full_clean()
        site.save()
        result.sites["updated"] += 1
        if was_unlocated and site.geom is not None:
            placed.add(site.pk)
    else:
        result.sites["unchanged"] += 1
    return site


def _upsert_service(site: Site, row: SiteRow, result: SiteImportResult, placed: bool) -> None:
    """Create or update the row's service; `placed` says this import just located its site."""
    target_groups, target_groups_note = split_target_groups(row.target_groups)
    values = {
        "capacity": row.capacity,
        "capacity_unit": row.capacity_unit,
        "target_groups": target_groups,
        "target_groups_note": target_groups_note,
        "hours_text": row.hours_text,
        "as_of_year": row.as_of_year,
        "source_url": row.source_url,
        "note": row.note,
    }
    if row.source_status is not None:
        values["status_note"] = row.status_note
        values["active_period"] = row.source_status.active_period
    # An active service is published straight away only when it can be shown on a map;
    # otherwise it waits as a draft.
    status = Status.PUBLISHED if site.geom is not None else Status.DRAFT
    if not row.active:
        status = row.source_status.status
    service = Service.objects.filter(site=site, category=row.category, name=row.name).first()
    if service is None:
        # The sites files' free texts (hours, capacity unit, target groups) are written in
        # English; set once, so that a person's correction is not undone by a re-import.
        service = Service(
            site=site,
            category=row.category,
            name=row.name,
            status=status,
            text_language="en",
            **values,
        )
        service.full_clean()
        service.save()
        _import_hours(service, row, None, result)
        result.services["created"] += 1
        _count_status(result, service)
        return
    # The file's status is applied when the source's words change ("planned" becoming
    # "active (2026)"); while they stay the same, a status a person chose (verified, pending
    # review, archived) is theirs and is left alone.
    publish = False
    if row.source_status is not None and row.status_note != service.status_note:
        values["status"] = status
    else:
        # A draft at a site that had no location was a draft only for that reason, so it is
        # published now that it can be shown on the map.
        publish = placed and row.active and service.status == Status.DRAFT
        if publish:
            values["status"] = Status.PUBLISHED
    previous_text = service.hours_text
    changed = assign_changed(service, values)
    if changed:
        service.full_clean()
        service.save()
        result.published += publish
    if _import_hours(service, row, previous_text, result) or changed:
        result.services["updated"] += 1
    else:
        result.services["unchanged"] += 1
    _count_status(result, service)


def _import_hours(
    service: Service, row: SiteRow, previous_text: str | None, result: SiteImportResult
) -> bool:
    """Write the schedule rows the row's hours text states; True if the rows changed."""
    if row.intervals is None and row.hours_text:
        result.hours_not_read.append((row.line, row.hours_text, row.hours_reason))
    wanted = set(row.intervals or [])
    current = set(service_intervals(service)) if previous_text is not None else set()
    if current == wanted:
        return False
    if current:
        previous = read_hours_text(previous_text).intervals
        if previous is None or current != set(previous):
            return False  # hours set by a person: the source's text does not override them
        for old in service.schedules.all():
            old.delete()  # one by one, so that each deletion enters the history
    for iv in sorted(wanted, key=lambda iv: (iv.weekday, iv.opens_at)):
        hours = OpeningHours(
            service=service, weekday=iv.weekday, opens_at=iv.opens_at, closes_at=iv.closes_at
        )
        hours.full_clean()
        hours.save()
    result.hours_written += bool(wanted)
    derived = derive_opening_hours(service)
    if derived != service.opening_hours:
        service.opening_hours = derived
        service.save(update_fields=["opening_hours"])
    return True


def _count_status(result: SiteImportResult, service: Service) -> None:
    result.statuses[service.status] = result.statuses.get(service.status, 0) + 1
