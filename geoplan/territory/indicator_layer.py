"""Indicators from any polygon layer: counts apportioned to the zone statistiche by population.

Shared by the `import_indicator_layer` and `load_indicators` commands. The layer (GeoJSON or
GeoPackage, read with pyogrio) is checked whole before anything is written; any problem refuses it
with sentences and changes nothing. Counts are carried to the zones by
:mod:`geoplan.analysis.apportion` (population-weighted, totals preserved); ratios are then formed
from two apportioned counts, never averaged.
"""

from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from django.db import transaction
from django.utils.translation import gettext as _

from geoplan.analysis import apportion

from .models import METRIC_SRID, Indicator, IndicatorLayer, IndicatorValue, Zone

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_REPAIR_AREA_CHANGE = 0.001
DRIVERS = {"GeoJSON": "GeoJSON", "GPKG": "GeoPackage"}
APPORTION_METHOD = (
    "Counts apportioned from the source polygons to the zone statistiche by population: each "
    "polygon's count split by the share of its residents living in each zone, residents placed "
    "along the streets of each zone (2023 population); ratios formed afterwards from the "
    "apportioned counts. An approximation where zones and source polygons do not nest."
)
_TERM = re.compile(r"\s*([+-]?)\s*([A-Za-z_][A-Za-z0-9_]*)\s*")


class LayerRejected(Exception):
    """The layer cannot be imported; ``problems`` says why, one sentence each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(f"- {p}" for p in problems))


@dataclass
class CountSpec:
    """A count to store: a column of the layer, or a sum/difference of columns."""

    code: str
    expression: str = ""  # "a-b-c" or "a+b"; empty: the column named like the code
    label_it: str = ""
    label_en: str = ""
    unit: str = "people"

    def terms(self) -> list[tuple[int, str]]:
        text = self.expression or self.code
        terms, pos = [], 0
        while pos < len(text):
            m = _TERM.match(text, pos)
            if not m or m.end() == pos or (terms and not m.group(1)):
                raise LayerRejected(
                    [
                        _("%(code)s: cannot read the expression %(expr)r (use a+b-c).")
                        % {"code": self.code, "expr": text}
                    ]
                )
            terms.append((-1 if m.group(1) == "-" else 1, m.group(2)))
            pos = m.end()
        return terms

    @classmethod
    def parse(cls, item: str) -> CountSpec:
        code, sep, expression = item.partition("=")
        return cls(code=code.strip(), expression=expression.strip() if sep else "")


@dataclass
class RatioSpec:
    code: str
    numerator: str
    denominator: str
    scale: float = 100.0
    unit: str = "%"
    label_it: str = ""
    label_en: str = ""
    higher_means_more_need: bool | None = None
    in_default_need: bool = False

    @classmethod
    def parse(cls, item: str) -> RatioSpec:
        code, _sep, rest = item.partition("=")
        num, _sep, den = rest.partition("/")
        if not (code.strip() and num.strip() and den.strip()):
            raise LayerRejected(
                [_("--ratio %(item)r: use CODE=NUMERATOR/DENOMINATOR.") % {"item": item}]
            )
        return cls(code.strip(), num.strip(), den.strip())


@dataclass
class LayerImport:
    path: Path
    id_field: str
    counts: list[CountSpec]
    year: int | None = None
    year_note: str = ""
    source: str = ""
    licence: str = ""
    geography: str = ""
    ratios: list[RatioSpec] = field(default_factory=list)
    repair_geometry: bool = False


@dataclass
class LayerImportResult:
    layer: str
    features: int
    zones: int
    # count code -> (sum over source polygons, sum over zones)
    totals: dict[str, tuple[float, float]]
    values: dict[str, int]  # created / updated / unchanged
    area_fallback: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)


def read_layer(spec: LayerImport) -> tuple[gpd.GeoDataFrame, pd.DataFrame, list[str]]:
    """The layer's polygons (EPSG:32632, index = id), its counts and the ids of polygons whose
    geometry was mended; raise LayerRejected."""
    path = Path(spec.path)
    if not path.is_file():
        raise LayerRejected([_("%(path)s does not exist or is not a file.") % {"path": path}])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise LayerRejected(
            [_("%(path)s is larger than %(mb)d MiB.") % {"path": path, "mb": MAX_FILE_BYTES >> 20}]
        )
    try:
        info = pyogrio.read_info(path)
    except Exception as exc:  # pyogrio raises several GDAL error types for unreadable files
        raise LayerRejected(
            [
                _("%(path)s is not a readable GeoJSON or GeoPackage (%(error)s).")
                % {"path": path, "error": exc}
            ]
        ) from exc
    if info["driver"] not in DRIVERS:
        raise LayerRejected(
            [
                _("%(path)s is a %(driver)s file: give a GeoJSON or a GeoPackage.")
                % {"path": path, "driver": info["driver"]}
            ]
        )
    if not info["crs"]:
        raise LayerRejected(
            [
                _(
                    "%(path)s declares no coordinate reference system: declare it (e.g. EPSG:4326) and try again."
                )
                % {"path": path}
            ]
        )
    frame = pyogrio.read_dataframe(path)
    problems = []
    columns = [c for c in frame.columns if c != "geometry"]
    if spec.id_field not in columns:
        raise LayerRejected(
            [
                _("The id field %(field)r is not in the layer (fields: %(fields)s).")
                % {"field": spec.id_field, "fields": ", ".join(columns)}
            ]
        )
    ids = frame[spec.id_field]
    if ids.isna().any() or (ids.astype(str).str.strip() == "").any():
        problems.append(_("Some polygons have an empty %(field)r.") % {"field": spec.id_field})
    dup = sorted(set(ids[ids.duplicated()].astype(str)))
    if dup:
        problems.append(
            _("The id field %(field)r is not unique: %(ids)s.")
            % {"field": spec.id_field, "ids": ", ".join(dup)}
        )
    frame.index = ids.astype(str)
    if not spec.counts:
        problems.append(_("Name at least one count column."))
    counts = {}
    for count in spec.counts:
        try:
            terms = count.terms()
        except LayerRejected as exc:
            problems.extend(exc.problems)
            continue
        missing = [c for _sign, c in terms if c not in columns]
        if missing:
            problems.append(
                _("Unknown column(s) %(cols)s (fields: %(fields)s).")
                % {"cols": ", ".join(missing), "fields": ", ".join(columns)}
            )
            continue
        total = pd.Series(0.0, index=frame.index)
        for sign, col in terms:
            values = pd.to_numeric(frame[col], errors="coerce")
            bad = frame.index[values.isna() | ~np.isfinite(values.astype(float))]
            if len(bad):
                problems.append(
                    _("Column %(col)r is not a number for polygon(s) %(ids)s.")
                    % {"col": col, "ids": ", ".join(bad[:10])}
                )
                continue
            negative = frame.index[values < 0]
            if len(negative):
                problems.append(
                    _("Column %(col)r holds negative counts for polygon(s) %(ids)s.")
                    % {"col": col, "ids": ", ".join(negative[:10])}
                )
            total = total + sign * values.astype(float)
        if (total < 0).any():
            problems.append(
                _("%(code)s comes out negative for polygon(s) %(ids)s.")
                % {"code": count.code, "ids": ", ".join(frame.index[total < 0][:10])}
            )
        counts[count.code] = total
    geoms = frame.geometry
    wrong_type = frame.index[geoms.isna() | ~geoms.geom_type.isin(["Polygon", "MultiPolygon"])]
    repaired = []
    if len(wrong_type):
        problems.append(
            _("These features are not polygons: %(ids)s.") % {"ids": ", ".join(wrong_type[:10])}
        )
    else:
        geoms, repaired, geometry_problems = _checked_geometry(frame.index, geoms, spec)
        problems.extend(geometry_problems)
        frame = frame.set_geometry(geoms)
    if problems:
        raise LayerRejected(problems)
    polygons = gpd.GeoDataFrame(geometry=frame.geometry, crs=frame.crs).to_crs(METRIC_SRID)
    return polygons, pd.DataFrame(counts, index=frame.index), repaired


def _checked_geometry(
    ids, geoms: gpd.GeoSeries, spec
) -> tuple[gpd.GeoSeries, list[str], list[str]]:
    """Invalid polygons are refused, or with ``repair_geometry`` mended by make_valid when that
    moves no more than MAX_REPAIR_AREA_CHANGE of their area (e.g. self-intersections left by
    rounded coordinates). Returns (geometries, repaired ids, problems)."""
    values = geoms.values.copy()
    repaired, problems = [], []
    for i in np.flatnonzero(~shapely.is_valid(values)):
        reason = shapely.is_valid_reason(values[i])
        if not spec.repair_geometry:
            problems.append(
                _(
                    "Polygon %(id)s has an invalid geometry (%(reason)s); repair it, or pass "
                    "--repair-geometry to mend small defects."
                )
                % {"id": ids[i], "reason": reason}
            )
            continue
        fixed = shapely.make_valid(values[i], method="structure")
        change = abs(fixed.area - values[i].area) / values[i].area if values[i].area else 1.0
        if fixed.geom_type not in ("Polygon", "MultiPolygon") or change > MAX_REPAIR_AREA_CHANGE:
            problems.append(
                _(
                    "Polygon %(id)s has an invalid geometry (%(reason)s) that cannot be mended "
                    "without changing its shape."
                )
                % {"id": ids[i], "reason": reason}
            )
            continue
        values[i] = fixed
        repaired.append(str(ids[i]))
    return gpd.GeoSeries(values, index=geoms.index, crs=geoms.crs), repaired, problems[:10]


def population_surface() -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Zones (EPSG:32632, index zone_code, with population) and residents along their streets."""
    # The access app owns the walking network and the zones' population frame; imported here,
    # not at module level, because territory sits below access.
    from geoplan.access.inputs import walk_network, zones_frame
    from geoplan.analysis.population import street_length_points

    zones = zones_frame().set_index("zone_code").to_crs(METRIC_SRID)
    x, y, street_m = street_length_points(walk_network())
    return zones, apportion.population_surface(zones, x, y, street_m)


# A polygon must overlap the city by at least this share of its area: one that only touches
# it, or lies mostly beyond it, would put all of its count on the border zones.
MIN_SHARE_IN_CITY = 0.5


def _outside(polygons: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> list[str]:
    city = shapely.union_all(zones.geometry.values)
    inside = shapely.area(shapely.intersection(polygons.geometry.values, city))
    area = shapely.area(polygons.geometry.values)
    return [
        str(i)
        for i, a, b in zip(polygons.index, inside, area, strict=True)
        if a < b * MIN_SHARE_IN_CITY
    ]


def import_layer(spec: LayerImport, surface=None) -> LayerImportResult:
    """Check, apportion and store the layer's counts and ratios; raise LayerRejected.

    ``surface``: (zones, residents) from :func:`population_surface`, to reuse across imports."""
    polygons, counts, repaired = read_layer(spec)
    zones, surface = surface or population_surface()
    outside = _outside(polygons, zones)
    if len(outside) == len(polygons):
        raise LayerRejected([_("The layer does not overlap Turin: is its CRS right?")])
    if outside:
        raise LayerRejected(
            [
                _(
                    "These polygons lie mostly outside Turin and cannot be apportioned to its "
                    "zones: %(ids)s."
                )
                % {"ids": ", ".join(outside[:10])}
            ]
        )
    weights = apportion.apportion_weights(polygons, zones, surface)
    per_zone = apportion.apportion_counts(counts, weights, zones.index)
    known = {i.code: i for i in Indicator.objects.select_related("layer")}
    name = Path(spec.path).name
    problems = []
    for code in counts.columns:
        other = known.get(code)
        if other and (
            other.kind != Indicator.Kind.COUNT or (other.layer and other.layer.file_name != name)
        ):
            problems.append(
                _(
                    "Indicator %(code)r already exists from another source: rename the count (NEW=column)."
                )
                % {"code": code}
            )
    ratio_codes = set(counts.columns) | {
        c for c, i in known.items() if i.kind == Indicator.Kind.COUNT
    }
    for ratio in spec.ratios:
        for part in (ratio.numerator, ratio.denominator):
            if part not in ratio_codes:
                problems.append(
                    _("Ratio %(code)s names %(part)r, which is not a count.")
                    % {"code": ratio.code, "part": part}
                )
        if ratio.code in known and known[ratio.code].kind != Indicator.Kind.RATIO:
            problems.append(
                _("Indicator %(code)r already exists and is not a ratio.") % {"code": ratio.code}
            )
    if problems:
        raise LayerRejected(problems)

    result = LayerImportResult(
        layer=name,
        features=len(polygons),
        zones=len(per_zone),
        totals={c: (float(counts[c].sum()), float(per_zone[c].sum())) for c in counts.columns},
        values={"created": 0, "updated": 0, "unchanged": 0},
        area_fallback=sorted(set(weights.loc[weights["method"] == "area", "source"].astype(str))),
        repaired=repaired,
    )
    geography = spec.geography or _("%(n)d polygons of %(layer)s") % {
        "n": len(polygons),
        "layer": name,
    }
    with transaction.atomic():
        layer, _created = IndicatorLayer.objects.update_or_create(
            file_name=name,
            id_field=spec.id_field,
            defaults={
                "name": name.rsplit(".", 1)[0],
                "sha256": hashlib.sha256(Path(spec.path).read_bytes()).hexdigest(),
                "geography": geography,
                "features": len(polygons),
            },
        )
        provenance = {
            "level": Indicator.Level.APPORTIONED,
            "source": spec.source or name,
            "licence": spec.licence,
            "year": spec.year,
            "year_note": spec.year_note,
            "geography": f"{geography}, apportioned by population",
            "method": APPORTION_METHOD,
            "layer": layer,
        }
        zone_ids = dict(Zone.objects.values_list("code", "pk"))
        for count in spec.counts:
            indicator = _upsert_indicator(
                count.code,
                {
                    "kind": Indicator.Kind.COUNT,
                    "label_it": count.label_it or count.code,
                    "label_en": count.label_en or count.code,
                    "unit": count.unit,
                    "higher_means_more_need": None,
                    **provenance,
                },
            )
            _store_values(indicator, per_zone[count.code], zone_ids, spec.year, result.values)
        for ratio in spec.ratios:
            define_ratio(ratio, result.values)
    return result


def _upsert_indicator(code: str, values: dict) -> Indicator:
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is None:
        return Indicator.objects.create(code=code, **values)
    changed = [k for k, v in values.items() if getattr(indicator, k) != v]
    for k in changed:
        setattr(indicator, k, values[k])
    if changed:
        indicator.save(update_fields=changed)
    return indicator


def _store_values(indicator, values: pd.Series, zone_ids: dict, year, tally: dict) -> None:
    existing = {v.zone_id: v for v in IndicatorValue.objects.filter(indicator=indicator, year=year)}
    for code, value in values.items():
        value = float(value)
        if not math.isfinite(value):
            # No value any more (e.g. a ratio whose denominator is now 0): none is kept either.
            stale = existing.get(zone_ids[code])
            if stale is not None:
                stale.delete()
                tally["updated"] += 1
            continue
        zone_id = zone_ids[code]
        current = existing.get(zone_id)
        if current is None:
            IndicatorValue.objects.create(
                zone_id=zone_id, indicator=indicator, year=year, value=value
            )
            tally["created"] += 1
        elif not math.isclose(current.value, value, rel_tol=1e-12, abs_tol=1e-9):
            current.value = value
            current.save(update_fields=["value"])
            tally["updated"] += 1
        else:
            tally["unchanged"] += 1


def define_ratio(ratio: RatioSpec, tally: dict | None = None) -> Indicator:
    """Store (or refresh) a ratio indicator and its zone values from its two counts."""
    tally = tally if tally is not None else {"created": 0, "updated": 0, "unchanged": 0}
    num = Indicator.objects.select_related("layer").get(code=ratio.numerator)
    den = Indicator.objects.get(code=ratio.denominator)
    years = {num.year, den.year}
    indicator = _upsert_indicator(
        ratio.code,
        {
            "kind": Indicator.Kind.RATIO,
            "numerator": num,
            "denominator": den,
            "scale": ratio.scale,
            "unit": ratio.unit,
            "label_it": ratio.label_it or ratio.code,
            "label_en": ratio.label_en or ratio.code,
            "higher_means_more_need": ratio.higher_means_more_need,
            "in_default_need": ratio.in_default_need,
            "level": num.level,
            "source": num.source if num.source == den.source else f"{num.source}; {den.source}",
            "licence": num.licence,
            "year": num.year if len(years) == 1 else None,
            "year_note": num.year_note if len(years) == 1 else "",
            "geography": num.geography,
            "method": num.method,
            "layer": num.layer,
        },
    )

    def series(ind):
        rows = IndicatorValue.objects.filter(indicator=ind, year=ind.year).values_list(
            "zone_id", "value"
        )
        return pd.Series(dict(rows), dtype=float)

    values = apportion.ratio(*series(num).align(series(den), join="outer"), scale=ratio.scale)
    zone_ids = {pk: pk for pk in values.index}
    _store_values(indicator, values, zone_ids, indicator.year, tally)
    return indicator


def import_spec(path: Path) -> list[LayerImportResult]:
    """Import a layer described by a JSON spec (see fixtures/indicators/ex_quartieri.json): one or
    more groups of counts (each with its year and source), then the ratios formed from them. All
    or nothing."""
    import json

    path = Path(path)
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
        layer_path = path.parent / spec["file"]
        ratios = [RatioSpec(**r) for r in spec.get("ratios", [])]
        groups = [(group, [CountSpec(**c) for c in group["counts"]]) for group in spec["imports"]]
        id_field = spec["id_field"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LayerRejected(
            [
                _("%(path)s is not a readable indicator spec (%(error)s).")
                % {"path": path, "error": exc}
            ]
        ) from exc
    surface = population_surface()
    results = []
    with transaction.atomic():
        for group, counts in groups:
            results.append(
                import_layer(
                    LayerImport(
                        path=layer_path,
                        id_field=id_field,
                        geography=spec.get("geography", ""),
                        counts=counts,
                        year=group.get("year"),
                        year_note=group.get("year_note", ""),
                        source=group.get("source", ""),
                        licence=group.get("licence", ""),
                        repair_geometry=spec.get("repair_geometry", False),
                    ),
                    surface=surface,
                )
            )
        for ratio in ratios:
            try:
                define_ratio(ratio, results[-1].values)
            except Indicator.DoesNotExist as exc:
                raise LayerRejected(
                    [
                        _("Ratio %(code)s names a count that was not imported (%(a)s / %(b)s).")
                        % {"code": ratio.code, "a": ratio.numerator, "b": ratio.denominator}
                    ]
                ) from exc
    return results
