"""Offline street-level geocoder for Turin addresses, built from the street network's edge names.

House numbers are not in the network, so a geocoded address is placed on its street, not at its
building: the precision to record is :data:`STREET_PRECISION`. Input and output coordinates are
longitude/latitude in EPSG:4326; lengths are measured in metres in EPSG:32632 (UTM 32N).

Matching never guesses by spelling similarity. An address matches a street when, after
normalisation (see :func:`normalise_street`):

1. *exact*: the names are equal;
2. otherwise *short_name*: the street types (first word: via, corso, piazza, ...) are equal and the
   query's remaining words are the last words of the street's ("Via Carrera" -> "Via Valentino
   Carrera"), or *long_name*: the street's remaining words are the last words of the query's ("Via
   Paolo Rossi" -> a network that only holds "Via Rossi"). In both directions the words left
   over must not end in a particle ("Via Italia" does not match "Via Unità d'Italia") and the
   shared words must include one that is not a particle. Short and long candidates are pooled:
   exactly one *short_name* candidate gives ``ok``; a *long_name* candidate is reported as
   ``ambiguous`` (the shorter street may honour someone else: "Via Rossi" is not necessarily
   Paolo Rossi's), and so is more than one candidate, with every candidate listed.

Analysis code: imports no Django.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

STREET_PRECISION = "street"
GEOGRAPHIC_CRS = "EPSG:4326"
METRIC_CRS = "EPSG:32632"

_TO_METRIC = Transformer.from_crs(GEOGRAPHIC_CRS, METRIC_CRS, always_xy=True)
_TO_GEOGRAPHIC = Transformer.from_crs(METRIC_CRS, GEOGRAPHIC_CRS, always_xy=True)

# Words that link a name's parts; a match must not hinge on them alone.
# fmt: off
PARTICLES = frozenset({
    "a", "ai", "al", "alla", "alle", "agli", "all", "allo", "d", "da", "dai", "dagli", "dal",
    "dall", "dalla", "dalle", "dallo", "de", "dei", "degli", "del", "dell", "della", "delle",
    "dello", "di", "e", "ed", "gli", "i", "il", "in", "l", "la", "le", "lo", "per", "su", "sul",
    "sull", "sulla",
})
# fmt: on

# Abbreviated street types, keyed by the first word with its dots removed ("C.so" -> "cso").
_TYPE_ABBREVIATIONS = {
    "v": "via",
    "cso": "corso",
    "pza": "piazza",
    "pzza": "piazza",
    "ple": "piazzale",
    "pta": "piazzetta",
    "vle": "viale",
    "lgo": "largo",
    "str": "strada",
    "vic": "vicolo",
}

# A house number at the end of a street part: "9", "18/a", "9bis", "9 bis", "12-14", "n. 9",
# "int. 27", "(civico 7)", "snc". A letter suffix must be attached or after a slash, so that a name
# such as "Via 1 Maggio" is never cut.
_HOUSE_NUMBER = re.compile(
    r"""\s*\(\s*civ(?:ico)?\.?\s*\d+[^)]*\)\s*$
    | \s+s\.?\s*n\.?\s*c\.?\s*$
    | \s+(?:(?:n|nr|num|civ|civico|int|interno)\.?\s*|n°\s*)?
      \d+(?:\s*[/-]\s*[a-z0-9]+|\s*(?:bis|ter|quater)\b|[a-z]\b)?\.?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_CITY = r"(?:\d{5}\s+)?(?:torino|turin)(?:\s*\(?\s*to\s*\)?)?"
_CITY_PART = re.compile(rf"^(?:{_CITY}|\d{{5}}|to|italia|italy)$", re.IGNORECASE)
_NUMBER_PART = re.compile(
    r"^(?:(?:n|nr|civ|civico)\.?\s*)?\d+(?:\s*[/-]\s*[a-z0-9]+|\s*(?:bis|ter)|[a-z])?$", re.I
)
# "Via Agliè 9 Torino" without commas: the city is cut only after a house number, because the
# network holds streets named after the city ("Via Torino", "Strada Torino").
_TRAILING_CITY = re.compile(rf"(?<=\d)(?:[a-z]|/[a-z0-9]+)?\s+{_CITY}\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class GeocodeResult:
    """Outcome of geocoding one address.

    ``status`` is ``"ok"``, ``"ambiguous"`` or ``"no_match"``. ``lon``/``lat`` (EPSG:4326) and
    ``street`` are set only when ``ok``; ``candidates`` lists the network street names an
    ambiguous query could mean. ``match`` says how an ``ok`` result was found: ``"exact"`` or
    ``"short_name"`` (query shorter than the network name).
    ``reason`` is a sentence for logs and review screens (English, not translated).
    """

    status: str
    lon: float | None = None
    lat: float | None = None
    street: str | None = None
    candidates: tuple[str, ...] = ()
    reason: str = ""
    match: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


@dataclass(frozen=True)
class Street:
    """One named street: all its edges merged (EPSG:4326) and the point an address on it gets."""

    name: str
    key: str
    geometry: BaseGeometry
    point: shapely.Point
    length_m: float


def _fold(text: str) -> str:
    """Lower case without accents (NFKD, combining marks dropped); typographic quotes made plain."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("’", "'").replace("‘", "'").replace("`", "'").casefold()


def _strip_house_number(text: str) -> str:
    """Cut a trailing house number unless that would leave a single word ("Sentiero 27")."""
    stripped = _HOUSE_NUMBER.sub("", text).strip()
    return stripped if len(stripped.split()) >= 2 else text.strip()


def normalise_street(name: str) -> str:
    """Comparable form of a street name: no accents, lower case, house number cut, abbreviated type
    expanded ("C.so" -> "corso"), apostrophes, dots and other punctuation turned into spaces.
    """
    text = _strip_house_number(_fold(name))
    first, _, rest = text.strip().partition(" ")
    first = _TYPE_ABBREVIATIONS.get(first.replace(".", ""), first)
    text = f"{first} {rest}"
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def parse_street(address: str) -> str:
    """The normalised street of a postal address: "Via Agliè 9, Torino" -> "via aglie".

    Comma-separated parts that are only a city, postcode, country or house number are dropped; the
    first remaining part is the street. Returns "" when no street is left.
    """
    parts = [p.strip() for p in re.split(r"[,;]", _fold(address))]
    parts = [p for p in parts if p and not _CITY_PART.match(p) and not _NUMBER_PART.match(p)]
    if not parts:
        return ""
    return normalise_street(_TRAILING_CITY.sub("", parts[0]))


def _split_names(value: object) -> list[str]:
    """Names of one edge: OSMnx writes several as the text of a Python list."""
    if not isinstance(value, str) or not value.strip():
        return []
    if value.lstrip().startswith("["):
        return [str(v) for v in ast.literal_eval(value) if str(v).strip()]
    return [value]


def _to_metric(geometry: BaseGeometry) -> BaseGeometry:
    return shapely.transform(
        geometry, lambda xy: np.column_stack(_TO_METRIC.transform(xy[:, 0], xy[:, 1]))
    )


def _connected_pieces(lines: BaseGeometry) -> list[BaseGeometry]:
    """Group the parts of a noded, merged line geometry into pieces that touch at their ends."""
    parts = list(shapely.get_parts(lines))
    parent = list(range(len(parts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen_ends: dict[tuple[float, float], int] = {}
    for i, part in enumerate(parts):
        coords = shapely.get_coordinates(part)
        for end in (tuple(coords[0]), tuple(coords[-1])):
            if end in seen_ends:
                parent[root(i)] = root(seen_ends[end])
            else:
                seen_ends[end] = i
    groups: dict[int, list[BaseGeometry]] = defaultdict(list)
    for i, part in enumerate(parts):
        groups[root(i)].append(part)
    return [shapely.line_merge(shapely.multilinestrings(g)) for g in groups.values()]


def street_point(geometry: BaseGeometry) -> tuple[shapely.Point, float]:
    """The point (EPSG:4326) to give an address on a street, and the street's length in metres
    (every carriageway and side lane counted, so a dual carriageway counts about twice).

    The point lies on the longest connected piece of the street (lengths in EPSG:32632): at half
    its length when the piece is one open, unbranched line; where it branches or closes on itself
    (dual carriageways, side lanes, squares with several arms, roundabouts) there is no single
    half-way point, so the point of the piece nearest to its length-weighted centroid is used.
    Either way the point lies on the geometry.
    """
    merged = shapely.line_merge(shapely.unary_union(_to_metric(geometry)))
    pieces = _connected_pieces(merged)
    piece = max(pieces, key=lambda p: p.length)
    if piece.geom_type == "LineString" and not piece.is_closed:
        point = piece.interpolate(0.5, normalized=True)
    else:
        point = nearest_points(piece, piece.centroid)[0]
    # Snapping the back-projected point removes the centimetre by which a straight segment in
    # EPSG:32632 and the same segment drawn straight in EPSG:4326 differ.
    lonlat = shapely.Point(*_TO_GEOGRAPHIC.transform(point.x, point.y))
    return nearest_points(geometry, lonlat)[0], float(merged.length)


def _display_name(spellings: Counter[str]) -> str:
    """Most used spelling; house numbers that OSM mappers put in names ("Via X 3/f") cut off."""
    name = min(spellings, key=lambda s: (-spellings[s], s))
    return _strip_house_number(name)


def _is_tail(tail: list[str], words: list[str]) -> bool:
    """Whether ``tail`` is the last words of the longer ``words``, not cut just after a particle."""
    n = len(tail)
    return (
        0 < n < len(words)
        and words[-n:] == tail
        and words[-n - 1] not in PARTICLES
        and any(w not in PARTICLES for w in tail)
    )


class StreetGeocoder:
    """Street-level geocoder over named street geometries (EPSG:4326).

    Build it from ``(name, geometry)`` pairs (several pairs may share a name; spellings that
    normalise alike, e.g. "Strada San Mauro" and "Strada san mauro", are one street) or from an
    OSMnx edge CSV with :meth:`from_edges_csv`. Immutable once built.
    """

    def __init__(self, streets: Iterable[tuple[str, BaseGeometry]]):
        geometries: dict[str, list[BaseGeometry]] = defaultdict(list)
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        keys: dict[str, str] = {}  # a real network repeats each name on many edges
        for name, geometry in streets:
            key = keys.get(name)
            if key is None:
                key = keys[name] = normalise_street(name)
            if key and geometry is not None and not geometry.is_empty:
                geometries[key].append(geometry)
                spellings[key][name.strip()] += 1
        self._streets: dict[str, Street] = {}
        self._by_tail: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key, geoms in geometries.items():
            merged = shapely.line_merge(shapely.unary_union(geoms))
            point, length_m = street_point(merged)
            street = Street(_display_name(spellings[key]), key, merged, point, length_m)
            self._streets[key] = street
            words = key.split()
            self._by_tail[words[0], words[-1]].append(key)

    @classmethod
    def from_edges_csv(cls, path: str | Path) -> StreetGeocoder:
        """Read an OSMnx edge CSV (or a zip holding one) with ``name`` and WKT ``geometry`` columns
        in EPSG:4326. Edges without a name are skipped; an edge with several names counts for each.
        """
        edges = pd.read_csv(path, usecols=["name", "geometry"]).dropna()
        geometries = shapely.from_wkt(edges["geometry"].to_numpy())
        return cls(
            (name, geometry)
            for value, geometry in zip(edges["name"], geometries, strict=True)
            for name in _split_names(value)
        )

    def __len__(self) -> int:
        return len(self._streets)

    @property
    def names(self) -> tuple[str, ...]:
        """Display names of all streets, sorted."""
        return tuple(sorted(s.name for s in self._streets.values()))

    def street(self, name: str) -> Street | None:
        """The street whose normalised name equals ``name``'s, if any."""
        return self._streets.get(normalise_street(name))

    def _candidates(self, key: str) -> list[str]:
        words = key.split()
        if len(words) < 2:
            return []
        found = []
        for candidate in self._by_tail.get((words[0], words[-1]), []):
            other = candidate.split()
            if _is_tail(words[1:], other[1:]) or _is_tail(other[1:], words[1:]):
                found.append(candidate)
        return found

    def suggest(self, query: str, limit: int = 8) -> list[str]:
        """Street names whose words start with the query's words, in order, for suggestions as
        one types: "via niz" finds "Via Nizza", "nizza" finds "Piazza Nizza" and "Via Nizza".
        Names starting with the query come first, then shorter names."""
        words = parse_street(query).split()
        if not words:
            return []
        found = []
        for key, street in self._streets.items():
            street_words = key.split()
            position = 0
            for word in words:
                while position < len(street_words) and not street_words[position].startswith(word):
                    position += 1
                if position == len(street_words):
                    break
                position += 1
            else:
                starts = street_words[0].startswith(words[0])
                found.append((not starts, len(street_words), street.name))
        return [name for *_key, name in sorted(found)[:limit]]

    def geocode(self, address: str) -> GeocodeResult:
        """Place ``address`` on its street (see :func:`street_point`); lon/lat in EPSG:4326."""
        key = parse_street(address)
        if not key:
            return GeocodeResult("no_match", reason=f"no street name found in {address!r}")
        if key in self._streets:
            return self._placed(self._streets[key], "exact", f"{key!r} is a network street's name")
        candidates = self._candidates(key)
        if len(candidates) == 1:
            street = self._streets[candidates[0]]
            if len(key.split()) < len(candidates[0].split()):
                return self._placed(street, "short_name", f"{key!r} ends one network street's name")
            # The network's shorter name may honour someone else: say so, never place.
            return GeocodeResult(
                "ambiguous",
                candidates=(street.name,),
                reason=(
                    f"the network has only {street.name!r}, shorter than {key!r}: it may be "
                    "another street, so the site is not placed; check and place it by hand"
                ),
            )
        if candidates:
            names = tuple(sorted(self._streets[c].name for c in candidates))
            return GeocodeResult(
                "ambiguous",
                candidates=names,
                reason=f"{key!r} could be any of {len(names)} streets: {', '.join(names)}",
            )
        return GeocodeResult(
            "no_match",
            reason=(
                f"no network street is named {key!r}, in full or by its last words; the network "
                "lacks pedestrian streets and most squares, so the street may exist but be absent"
            ),
        )

    @staticmethod
    def _placed(street: Street, kind: str, why: str) -> GeocodeResult:
        return GeocodeResult(
            "ok",
            lon=street.point.x,
            lat=street.point.y,
            street=street.name,
            match=kind,
            reason=(
                f"{why}; placed on {street.name!r} ({street.length_m:.0f} m long) at its middle, "
                "as house numbers are not in the network"
            ),
        )
