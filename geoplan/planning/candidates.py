"""Candidate points for an optimal siting, read from a planner's upload: a CSV with lon/lat
columns or a GeoJSON FeatureCollection of points (EPSG:4326).

The reader checks the file's form only (columns, numbers, geometry types) and labels every
point with where it came from ("line 4", "feature 3"), so that whoever checks the points
against the city boundary can name the bad ones the planner's way. A file with any bad row is
refused whole, every problem listed (up to a limit), so nothing half-read is ever used.
"""

import csv
import io
import json
import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from geoplan.access.siting import MAX_CANDIDATES

# 2 MB in the decimal sense the messages use (2,000,000 bytes).
MAX_FILE_BYTES = 2_000_000
# Past this many bad rows the answer lists the first ones and says how many more there are.
MAX_LISTED_PROBLEMS = 30
MAX_NAME_CHARS = 200

LON_COLUMNS = ("lon", "lng", "long", "longitude")
LAT_COLUMNS = ("lat", "latitude")
CSV_SUFFIXES = (".csv", ".txt")
GEOJSON_SUFFIXES = (".geojson", ".json")
# CRS names a GeoJSON may declare that mean lon/lat on WGS 84 (RFC 7946 has no other).
WGS84_NAMES = {"urn:ogc:def:crs:ogc:1.3:crs84", "epsg:4326", "urn:ogc:def:crs:epsg::4326"}


@dataclass(frozen=True)
class Candidate:
    lon: float
    lat: float
    capacity: float | None
    name: str
    where: str  # "line 4", "feature 3": how the planner finds it in the file

    def as_json(self) -> dict:
        point = {"lon": self.lon, "lat": self.lat}
        if self.capacity is not None:
            point["capacity"] = self.capacity
        if self.name:
            point["name"] = self.name
        return point


class CandidatesFileError(ValueError):
    """The file is refused: ``problems`` are sentences, one per bad row or one for the file."""

    def __init__(self, problems: list[str]):
        super().__init__(" ".join(problems))
        self.problems = problems


def count(n: int) -> str:
    """A count as the active language writes it (2,000 in English, 2.000 in Italian)."""
    return number_format(n, force_grouping=True)


def too_large(size: int) -> str | None:
    if size <= MAX_FILE_BYTES:
        return None
    return _(
        "The file is too large: %(size)s bytes, over the limit of %(limit_mb)d MB "
        "(%(limit)s bytes)."
    ) % {
        "size": count(size),
        "limit": count(MAX_FILE_BYTES),
        "limit_mb": MAX_FILE_BYTES // 1_000_000,
    }


def read_candidates(name: str, raw: bytes) -> list[Candidate]:
    """The points of an uploaded file (CSV or GeoJSON, told apart by its name, else by its
    first character); raises CandidatesFileError listing every problem."""
    problem = too_large(len(raw))
    if problem:
        raise CandidatesFileError([problem])
    suffix = name.lower().rsplit(".", 1)[-1] if "." in name else ""
    suffix = f".{suffix}" if suffix else ""
    if suffix and suffix not in CSV_SUFFIXES + GEOJSON_SUFFIXES:
        raise CandidatesFileError([not_csv_or_geojson(name)])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CandidatesFileError(
            [
                not_csv_or_geojson(name)
                + " "
                + _("It is not UTF-8 text (byte %(position)d cannot be read).")
                % {"position": exc.start + 1}
            ]
        ) from exc
    if not text.strip():
        raise CandidatesFileError([_("The file is empty.")])
    looks_json = text.lstrip()[:1] in ("{", "[")
    if suffix in GEOJSON_SUFFIXES or (not suffix and looks_json):
        candidates = read_geojson(text)
    else:
        candidates = read_csv(text, name)
    if not candidates:
        raise CandidatesFileError([_("The file holds no candidate point.")])
    if len(candidates) > MAX_CANDIDATES:
        raise CandidatesFileError([too_many(len(candidates))])
    return candidates


def not_csv_or_geojson(name: str) -> str:
    return _(
        "%(name)s is not CSV or GeoJSON: send a CSV with lon and lat columns or a GeoJSON "
        "FeatureCollection of points."
    ) % {"name": name or _("The file")}


def too_many(n: int) -> str:
    return _("%(n)s candidate points given: at most %(max)s are accepted.") % {
        "n": count(n),
        "max": count(MAX_CANDIDATES),
    }


def _refuse_if_any(problems: list[str]) -> None:
    if not problems:
        return
    listed = problems[:MAX_LISTED_PROBLEMS]
    more = len(problems) - len(listed)
    if more:
        listed.append(
            ngettext("... and %(n)d more problem.", "... and %(n)d more problems.", more)
            % {"n": more}
        )
    raise CandidatesFileError(listed)


def _number(value, what: str, where: str, problems: list[str], decimal_comma=False):
    """A finite float, or None after recording why not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(_("%(where)s: %(what)s is missing.") % {"where": where, "what": what})
        return None
    if isinstance(value, bool):
        value = "true" if value else "false"
    text = str(value).strip()
    if decimal_comma:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        problems.append(
            _("%(where)s: %(what)s is not a number (%(value)r).")
            % {"where": where, "what": what, "value": str(value)[:40]}
        )
        return None
    return number


def _candidate(where, lon, lat, capacity, name, problems, decimal_comma=False):
    """One checked point, or None after recording every problem it has."""
    before = len(problems)
    lon = _number(lon, "lon", where, problems, decimal_comma)
    lat = _number(lat, "lat", where, problems, decimal_comma)
    if lon is not None and not -180 <= lon <= 180:
        problems.append(_("%(where)s: lon %(v)g is not a longitude.") % {"where": where, "v": lon})
    if lat is not None and not -90 <= lat <= 90:
        problems.append(_("%(where)s: lat %(v)g is not a latitude.") % {"where": where, "v": lat})
    cap = None
    if capacity is not None and str(capacity).strip():
        cap = _number(capacity, "capacity", where, problems, decimal_comma)
        if cap is not None and cap < 0:
            problems.append(
                _("%(where)s: capacity %(v)g is negative.") % {"where": where, "v": cap}
            )
    if name is not None and (isinstance(name, bool) or not isinstance(name, (str, int, float))):
        problems.append(_("%(where)s: the name must be text.") % {"where": where})
        name = None
    name = "" if name is None else str(name).strip()
    if "\x00" in name:
        problems.append(
            _("%(where)s: the name holds a NUL character (byte 0), which no name may hold.")
            % {"where": where}
        )
    elif len(name) > MAX_NAME_CHARS:
        problems.append(
            _("%(where)s: the name is longer than %(n)d characters.")
            % {"where": where, "n": MAX_NAME_CHARS}
        )
    if len(problems) > before:
        return None
    return Candidate(lon, lat, cap, name, where)


def read_csv(text: str, name: str = "") -> list[Candidate]:
    """Rows of a CSV whose header names lon (or lng, longitude) and lat (or latitude), with
    optional capacity and name columns; comma, semicolon or tab separated. A semicolon file may
    write decimals with a comma, as spreadsheets set to Italian save them."""
    first_line = text.splitlines()[0]
    delimiter = max(",;\t", key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
        rows = [(reader.line_num, row) for row in reader if any(v.strip() for v in row)]
    except csv.Error as exc:
        raise CandidatesFileError(
            [
                not_csv_or_geojson(name)
                + " "
                + _("Line %(n)d cannot be read: %(why)s.") % {"n": reader.line_num, "why": exc}
            ]
        ) from exc
    lon_col = next((header.index(c) for c in LON_COLUMNS if c in header), None)
    lat_col = next((header.index(c) for c in LAT_COLUMNS if c in header), None)
    if lon_col is None or lat_col is None:
        raise CandidatesFileError(
            [
                not_csv_or_geojson(name)
                + " "
                + _("Its first line must name the columns, lon and lat among them; it reads %(h)r.")
                % {"h": first_line[:120]}
            ]
        )
    cap_col = header.index("capacity") if "capacity" in header else None
    name_col = header.index("name") if "name" in header else None
    problems: list[str] = []
    candidates: list[Candidate] = []

    def cell(row, col):
        return row[col] if col is not None and col < len(row) else None

    if len(rows) > MAX_CANDIDATES:
        raise CandidatesFileError([too_many(len(rows))])
    for line, row in rows:
        c = _candidate(
            _("line %(n)d") % {"n": line},
            cell(row, lon_col),
            cell(row, lat_col),
            cell(row, cap_col),
            cell(row, name_col),
            problems,
            decimal_comma=delimiter != ",",
        )
        if c is not None:
            candidates.append(c)
    _refuse_if_any(problems)
    return candidates


def read_geojson(text: str) -> list[Candidate]:
    """Points of a GeoJSON FeatureCollection (EPSG:4326), optional properties capacity, name."""
    try:
        data = json.loads(text)
    except RecursionError as exc:
        raise CandidatesFileError([_("The JSON is nested too deeply to be GeoJSON.")]) from exc
    except ValueError as exc:
        raise CandidatesFileError(
            [
                _("The file is not valid JSON (line %(line)d, column %(col)d): %(why)s.")
                % {
                    "line": getattr(exc, "lineno", 0),
                    "col": getattr(exc, "colno", 0),
                    "why": getattr(exc, "msg", str(exc)),
                }
            ]
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise CandidatesFileError(
            [_("The GeoJSON must be a FeatureCollection of points; this one is not.")]
        )
    _check_crs(data.get("crs"))
    features = data.get("features")
    if not isinstance(features, list):
        raise CandidatesFileError([_("The FeatureCollection has no list of features.")])
    if len(features) > MAX_CANDIDATES:
        raise CandidatesFileError([too_many(len(features))])
    problems: list[str] = []
    candidates: list[Candidate] = []
    for i, feature in enumerate(features, start=1):
        where = _("feature %(n)d") % {"n": i}
        if not isinstance(feature, dict):
            problems.append(
                _("%(where)s is not a GeoJSON Feature (a JSON object).") % {"where": where}
            )
            continue
        geometry = feature.get("geometry")
        if geometry is not None and not isinstance(geometry, dict):
            problems.append(
                _("%(where)s: the geometry is not a GeoJSON geometry (a JSON object).")
                % {"where": where}
            )
            continue
        kind = geometry.get("type") if geometry else None
        coords = geometry.get("coordinates") if geometry else None
        if kind != "Point":
            problems.append(
                _("%(where)s: the geometry is %(kind)s, not a Point.")
                % {"where": where, "kind": kind or _("missing")}
            )
            continue
        if not isinstance(coords, list) or len(coords) < 2:
            problems.append(
                _("%(where)s: the point has no [lon, lat] coordinates.") % {"where": where}
            )
            continue
        props = feature.get("properties")
        if props is None:
            props = {}
        if not isinstance(props, dict):
            problems.append(
                _("%(where)s: the properties are not a JSON object.") % {"where": where}
            )
            continue
        c = _candidate(
            where, coords[0], coords[1], props.get("capacity"), props.get("name"), problems
        )
        if c is not None:
            candidates.append(c)
    _refuse_if_any(problems)
    return candidates


def _check_crs(crs) -> None:
    """Refuse a declared coordinate system other than lon/lat on WGS 84 (GeoJSON 2008's
    ``{"type": "name", "properties": {"name": ...}}``); none declared means WGS 84."""
    if crs is None:
        return
    properties = crs.get("properties") if isinstance(crs, dict) else None
    name = properties.get("name") if isinstance(properties, dict) else None
    if not isinstance(name, str):
        raise CandidatesFileError(
            [
                _(
                    'The GeoJSON\'s crs must be an object like {"type": "name", "properties": '
                    '{"name": "EPSG:4326"}}, or be left out (EPSG:4326).'
                )
            ]
        )
    if name.lower() not in WGS84_NAMES:
        raise CandidatesFileError(
            [
                _("The GeoJSON declares the coordinate system %(crs)r: use EPSG:4326 (lon, lat).")
                % {"crs": name[:80]}
            ]
        )
