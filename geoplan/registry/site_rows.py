"""Reading and checking the rows of a sites CSV (format of fixtures/services/*.csv).

Every row is checked before anything is written: a bad row rejects the whole file with its line
number and reason (see site_import.py for what happens to the rows then).
"""

import math
from dataclasses import dataclass

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from geoplan.registry.vocabulary import split_target_groups
from geoplan.territory.csv_import import ImportRejected, RowError, read_csv

from .hours import Interval
from .hours_text import read_hours_text
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
# Groups outside the vocabulary are kept, as published, in one note.
MAX_TARGET_GROUP_LENGTH = _max_length(Service, "target_groups_note")
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
    # The weekly hours hours_text states, when it states them unambiguously (hours_text.py);
    # otherwise None and the reason.
    intervals: list[Interval] | None = None
    hours_reason: str = ""

    @property
    def active(self) -> bool:
        return self.source_status is None or self.source_status.status == Status.PUBLISHED


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
    _codes, note = split_target_groups(groups)
    if len(note) > MAX_TARGET_GROUP_LENGTH:
        reasons.append(
            _("target groups %(groups)r are longer than %(limit)d characters")
            % {"groups": note, "limit": MAX_TARGET_GROUP_LENGTH}
        )
    if reasons:
        return None, reasons
    intervals, hours_reason = read_hours_text(row["hours_text"])
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
            intervals=intervals,
            hours_reason=hours_reason,
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
