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
"""

import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _

from geoplan.analysis.geocoding import StreetGeocoder
from geoplan.territory.changes import assign_changed
from geoplan.territory.csv_import import ImportRejected, RowError, read_csv

from .duplicates import ATTACHED, DUPLICATE, Registered, RowMatch, find_match
from .models import (
    LocationPrecision,
    LocationSource,
    Service,
    ServiceCategory,
    Site,
    Status,
    check_inside_city,
)
from .site_status import SourceStatus, accepted_forms, read_status
from .text import normalise_address

COLUMNS = [
    "name",
    "category",
    "address",
    "lat",
    "lon",
    "coord_precision",
    "capacity",
    "capacity_unit",
    "target_group",
    "hours_text",
    "as_of",
    "source_url",
    "note",
]
# Optional: a file without it is imported as today, every row active.
STATUS_COLUMN = "status"
REQUIRED = ("name", "category", "address")
MAX_ROWS = 5000


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


# Checked while parsing so that a long value is reported with its line, not met as a
# ValidationError half-way through the writes. A row's name names both its site and its service.
MAX_LENGTHS = {
    "name": min(_max_length(Site, "name"), _max_length(Service, "name")),
    "address": _max_length(Site, "address"),
    "capacity_unit": _max_length(Service, "capacity_unit"),
    "hours_text": _max_length(Service, "hours_text"),
    "source_url": _max_length(Service, "source_url"),
    STATUS_COLUMN: _max_length(Service, "status_note"),
}
MAX_TARGET_GROUP_LENGTH = Service._meta.get_field("target_groups").base_field.max_length
validate_url = URLValidator(schemes=["http", "https"])


@dataclass
class SiteRow:
    line: int
    name: str
    category: ServiceCategory
    address: str
    point: Point | None
    precision: str
    capacity: int | None
    capacity_unit: str
    target_groups: list[str]
    hours_text: str
    as_of_year: int | None
    source_url: str
    note: str
    location_note: str = ""
    location_source: str = LocationSource.FILE
    # None when the file has no status column.
    source_status: SourceStatus | None = None
    status_note: str = ""

    @property
    def active(self) -> bool:
        return self.source_status is None or self.source_status.status == Status.PUBLISHED


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


def _parse_row(line: int, raw: dict, categories: dict) -> tuple[SiteRow | None, list[str]]:
    reasons = []
    row = {k: (raw.get(k) or "").strip() for k in [*COLUMNS, STATUS_COLUMN]}
    has_status = STATUS_COLUMN in raw
    source_status = None
    if has_status:
        source_status = read_status(row[STATUS_COLUMN], row["hours_text"])
        if source_status is None:
            reasons.append(
                _("status %(value)r is not understood; the accepted forms are: %(forms)s")
                % {"value": row[STATUS_COLUMN], "forms": accepted_forms()}
            )
    for col in REQUIRED:
        if not row[col]:
            reasons.append(_("%(col)s is empty") % {"col": col})
    category = categories.get(row["category"])
    if row["category"] and category is None:
        reasons.append(
            _("unknown category %(code)r (known: %(known)s)")
            % {"code": row["category"], "known": ", ".join(sorted(categories))}
        )
    point, precision = None, LocationPrecision.NONE
    if bool(row["lat"]) != bool(row["lon"]):
        reasons.append(_("give both lat and lon, or neither"))
    elif row["lat"]:
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
            if not (math.isfinite(lat) and math.isfinite(lon)):
                raise ValueError
        except ValueError:
            reasons.append(
                _("lat/lon %(lat)r, %(lon)r are not numbers")
                % {"lat": row["lat"], "lon": row["lon"]}
            )
        else:
            point = Point(lon, lat, srid=4326)
            try:
                check_inside_city(point)
            except ValidationError as exc:
                reasons.extend(exc.messages)
            precision = row["coord_precision"] or LocationPrecision.BUILDING
            if precision not in (LocationPrecision.BUILDING, LocationPrecision.STREET):
                reasons.append(
                    _("coord_precision %(value)r must be building or street")
                    % {"value": row["coord_precision"]}
                )
    capacity = None
    if row["capacity"]:
        try:
            capacity = int(row["capacity"])
            if capacity < 0:
                raise ValueError
        except ValueError:
            reasons.append(
                _("capacity %(value)r is not a whole number ≥ 0") % {"value": row["capacity"]}
            )
        if not row["capacity_unit"]:
            reasons.append(_("capacity given without capacity_unit"))
    as_of = None
    if row["as_of"]:
        try:
            as_of = int(row["as_of"])
            if not 1900 <= as_of <= 2100:
                raise ValueError
        except ValueError:
            reasons.append(_("as_of %(value)r is not a year") % {"value": row["as_of"]})
    for col, limit in MAX_LENGTHS.items():
        if len(row[col]) > limit:
            reasons.append(
                _("%(col)s is longer than %(limit)d characters (%(length)d)")
                % {"col": col, "limit": limit, "length": len(row[col])}
            )
    if row["source_url"] and len(row["source_url"]) <= MAX_LENGTHS["source_url"]:
        if not row["source_url"].startswith(("http://", "https://")):
            reasons.append(_("source_url must start with http:// or https://"))
        else:
            try:
                validate_url(row["source_url"])
            except ValidationError:
                reasons.append(
                    _("source_url %(value)r is not a valid web address")
                    % {"value": row["source_url"]}
                )
    groups = [g.strip() for g in row["target_group"].split(";") if g.strip()]
    for group in groups:
        if len(group) > MAX_TARGET_GROUP_LENGTH:
            reasons.append(
                _("target group %(group)r is longer than %(limit)d characters")
                % {"group": group, "limit": MAX_TARGET_GROUP_LENGTH}
            )
    if reasons:
        return None, reasons
    return (
        SiteRow(
            line=line,
            name=row["name"],
            category=category,
            address=row["address"],
            point=point,
            precision=precision,
            capacity=capacity,
            capacity_unit=row["capacity_unit"],
            target_groups=groups,
            hours_text=row["hours_text"],
            as_of_year=as_of,
            source_url=row["source_url"],
            note=row["note"],
            location_note="coordinates from the source file" if point else "",
            source_status=source_status,
            status_note=" ".join(row[STATUS_COLUMN].split()),
        ),
        [],
    )


def parse_sites(text: str) -> list[SiteRow]:
    """Check every row; raise ImportRejected listing every bad one."""
    records = read_csv(text, COLUMNS)
    categories = {c.code: c for c in ServiceCategory.objects.all()}
    rows, errors = [], []
    # One service per site, category and name: a second row for it would silently win.
    first_line: dict[tuple[str, str, str], int] = {}
    for line, raw in records:
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RowError(line, _("more than %(n)d rows") % {"n": MAX_ROWS}))
            break
        row, reasons = _parse_row(line, raw, categories)
        if row:
            key = (normalise_address(row.address), row.category.code, row.name)
            if key in first_line:
                reasons.append(
                    _("duplicate of line %(line)d (same address, category and name)")
                    % {"line": first_line[key]}
                )
                row = None
            else:
                first_line[key] = line
        errors.extend(RowError(line, r) for r in reasons)
        if row:
            rows.append(row)
    if errors:
        raise ImportRejected(errors)
    if not rows:
        raise ImportRejected([RowError(1, _("the file holds no data rows"))])
    return rows


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
    values = {
        "capacity": row.capacity,
        "capacity_unit": row.capacity_unit,
        "target_groups": row.target_groups,
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
        service = Service(site=site, category=row.category, name=row.name, status=status, **values)
        service.full_clean()
        service.save()
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
    if assign_changed(service, values):
        service.full_clean()
        service.save()
        result.services["updated"] += 1
        result.published += publish
    else:
        result.services["unchanged"] += 1
    _count_status(result, service)


def _count_status(result: SiteImportResult, service: Service) -> None:
    result.statuses[service.status] = result.statuses.get(service.status, 0) + 1
