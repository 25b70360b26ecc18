"""Import of service sites from CSV, in the format of fixtures/services/sites_from_public_sources.csv.

Shared by the `import_sites` command and the admin upload. The whole file is checked first: any
bad row rejects the file with its line number and reason, and nothing is written. Rows without
coordinates are placed on their street by the offline geocoder (precision "street"); a site that
cannot be placed is kept, unpublished and flagged as needing a location. Never an invented point.
Rows at the same address become one site with several services.
"""

import csv
import io
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from geoplan.analysis.geocoding import StreetGeocoder

from .models import LocationPrecision, Service, ServiceCategory, Site, Status, check_inside_city
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
REQUIRED = ("name", "category", "address")
MAX_ROWS = 5000


@dataclass
class RowError:
    line: int
    reason: str

    def __str__(self):
        return _("line %(line)d: %(reason)s") % {"line": self.line, "reason": self.reason}


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


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


@dataclass
class SiteImportResult:
    rows: int = 0
    building: int = 0
    street: int = 0
    unlocated: int = 0
    sites: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )
    services: dict[str, int] = field(
        default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0}
    )
    unlocated_reasons: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def default_geocoder() -> StreetGeocoder:
    return StreetGeocoder.from_edges_csv(
        Path(settings.FIXTURES_DIR) / "network" / "turin_biketrackcarall_edges.zip"
    )


def _parse_row(line: int, raw: dict, categories: dict) -> tuple[SiteRow | None, list[str]]:
    reasons = []
    row = {k: (raw.get(k) or "").strip() for k in COLUMNS}
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
    if row["source_url"] and not row["source_url"].startswith(("http://", "https://")):
        reasons.append(_("source_url must start with http:// or https://"))
    if reasons:
        return None, reasons
    groups = [g.strip() for g in row["target_group"].split(";") if g.strip()]
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
        ),
        [],
    )


def parse_sites(text: str) -> list[SiteRow]:
    """Check every row; raise ImportRejected listing every bad one."""
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportRejected(
            [RowError(1, _("missing column(s) %(cols)s") % {"cols": ", ".join(missing)})]
        )
    categories = {c.code: c for c in ServiceCategory.objects.all()}
    rows, errors = [], []
    for raw in reader:
        raw = {(k or "").strip(): v for k, v in raw.items()}
        if not any((v or "").strip() for v in raw.values() if isinstance(v, str)):
            continue
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append(RowError(reader.line_num, _("more than %(n)d rows") % {"n": MAX_ROWS}))
            break
        row, reasons = _parse_row(reader.line_num, raw, categories)
        errors.extend(RowError(reader.line_num, r) for r in reasons)
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


def _apply(obj, values: dict) -> bool:
    changed = False
    for key, value in values.items():
        current = getattr(obj, key)
        same = (
            current.equals_exact(value, 1e-9)
            if hasattr(current, "equals_exact") and value is not None
            else current == value
        )
        if not same:
            setattr(obj, key, value)
            changed = True
    return changed


def import_sites(text: str, geocoder: StreetGeocoder | None = None) -> SiteImportResult:
    rows = parse_sites(text)
    locate(rows, geocoder or default_geocoder())
    result = SiteImportResult(rows=len(rows))
    with transaction.atomic():
        sites: dict[str, Site] = {}
        for row in rows:
            key = normalise_address(row.address)
            if key not in sites:
                sites[key] = _upsert_site(row, result)
            _upsert_service(sites[key], row, result)
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


def _upsert_site(row: SiteRow, result: SiteImportResult) -> Site:
    site = Site.objects.filter(address_key=normalise_address(row.address)).first()
    location = {
        "geom": row.point,
        "location_precision": row.precision,
        "location_note": row.location_note,
    }
    if site is None:
        site = Site(name=row.name, address=row.address, **location)
        site.full_clean()
        site.save()
        result.sites["created"] += 1
        return site
    # A location set by hand (or better than what this file gives) is never thrown away.
    keep_location = site.geom is not None and (
        row.point is None
        or (
            site.location_precision == LocationPrecision.BUILDING
            and row.precision == LocationPrecision.STREET
        )
    )
    changed = _apply(site, {"address": row.address} | ({} if keep_location else location))
    if changed:
        site.full_clean()
        site.save()
        result.sites["updated"] += 1
    else:
        result.sites["unchanged"] += 1
    return site


def _upsert_service(site: Site, row: SiteRow, result: SiteImportResult) -> None:
    values = {
        "capacity": row.capacity,
        "capacity_unit": row.capacity_unit,
        "target_groups": row.target_groups,
        "hours_text": row.hours_text,
        "as_of_year": row.as_of_year,
        "source_url": row.source_url,
        "note": row.note,
    }
    service = Service.objects.filter(site=site, category=row.category, name=row.name).first()
    if service is None:
        # Published straight away only when it can be shown on a map; otherwise it waits.
        status = Status.PUBLISHED if site.geom is not None else Status.DRAFT
        service = Service(site=site, category=row.category, name=row.name, status=status, **values)
        service.full_clean()
        service.save()
        result.services["created"] += 1
    elif _apply(service, values):
        service.full_clean()
        service.save()
        result.services["updated"] += 1
    else:
        result.services["unchanged"] += 1
