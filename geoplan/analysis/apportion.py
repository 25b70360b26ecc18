"""Counts known on other polygons (former quartieri, census areas) carried to the zone statistiche.

Population-weighted (dasymetric) areal interpolation of *extensive* variables (counts): each source
polygon's count is split among the zones in proportion to the share of the source's residents who
live in each zone. Residents are located with the same street-length surface that builds the H3
population grid (:mod:`population`): each zone's population is spread along the street sub-segments
inside it, so ``pop(zone ∩ source)`` is the population of the sub-segment midpoints lying in both.
A source polygon holding no street at all falls back to the share of its area in each zone.

This is the estimator of PySAL tobler's area interpolation for extensive variables, with population
(instead of area) as the weight; it is written out here because tobler's population-weighted variant
needs a raster and rasterio, while the surface we trust already exists as points. Totals are
preserved: for every count, the sum over zones equals the sum over source polygons (up to floating
point), provided every source polygon overlaps at least one zone. Ratios (shares, rates) are never
apportioned: form them afterwards from apportioned numerator and denominator counts.

Coordinates: every geometry and point in the metric CRS EPSG:32632.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely


def population_surface(
    zones: gpd.GeoDataFrame, x, y, street_m, pop_col: str = "population"
) -> pd.DataFrame:
    """Residents per street sub-segment: x, y (EPSG:32632 m), zone_code, population.

    ``zones`` (EPSG:32632, index zone_code) carry ``pop_col``; each zone's residents are split along its
    sub-segments by street length. Sub-segments outside every zone are dropped.
    """
    points = gpd.GeoDataFrame(
        {"street_m": np.asarray(street_m, dtype=float)},
        geometry=gpd.points_from_xy(x, y),
        crs=zones.crs,
    )
    right = zones[[pop_col, "geometry"]].rename_axis("zone_code").reset_index()
    hit = gpd.sjoin(points, right, predicate="within", how="inner")
    hit = hit[~hit.index.duplicated()]  # a point on a shared edge counts in one zone only
    zone = hit["zone_code"].to_numpy()
    street_total = hit.groupby("zone_code")["street_m"].transform("sum").to_numpy()
    return pd.DataFrame(
        {
            "x": hit.geometry.x.to_numpy(),
            "y": hit.geometry.y.to_numpy(),
            "zone_code": zone,
            "population": hit[pop_col].to_numpy(dtype=float) * hit["street_m"] / street_total,
        }
    )


def apportion_weights(
    sources: gpd.GeoDataFrame, zones: gpd.GeoDataFrame, surface: pd.DataFrame
) -> pd.DataFrame:
    """Share of each source polygon's residents living in each zone.

    ``sources`` and ``zones`` in EPSG:32632, indexed by source id and zone code; ``surface`` from
    :func:`population_surface`. Returns long form (source, zone_code, population, share, method) where
    ``share`` sums to 1 per source and ``method`` is "population" or "area" (the fallback).
    Raises ValueError naming the source polygons that overlap no zone.
    """
    points = gpd.GeoDataFrame(
        surface[["zone_code", "population"]],
        geometry=gpd.points_from_xy(surface["x"], surface["y"]),
        crs=zones.crs,
    )
    src = sources[["geometry"]].rename_axis("source").reset_index()
    hit = gpd.sjoin(points, src, predicate="within", how="inner")
    hit = hit[~hit.index.duplicated()]
    by_pop = (
        hit.groupby(["source", "zone_code"])["population"]
        .sum()
        .reset_index()
        .assign(method="population")
    )
    by_pop = by_pop[by_pop["population"] > 0]

    empty = [s for s in src["source"] if s not in set(by_pop["source"])]
    parts = [by_pop]
    if empty:
        parts.append(_area_shares(src[src["source"].isin(empty)], zones))
    out = pd.concat(parts, ignore_index=True)
    missing = [s for s in src["source"] if s not in set(out["source"])]
    if missing:
        raise ValueError(f"source polygons overlapping no zone: {', '.join(map(str, missing))}")
    out["share"] = out["population"] / out.groupby("source")["population"].transform("sum")
    return out[["source", "zone_code", "population", "share", "method"]]


def _area_shares(sources: pd.DataFrame, zones: gpd.GeoDataFrame) -> pd.DataFrame:
    # For sources without any street: the overlap area stands in for residents.
    pieces = gpd.overlay(
        gpd.GeoDataFrame(sources, geometry="geometry", crs=zones.crs),
        zones.rename_axis("zone_code").reset_index()[["zone_code", "geometry"]],
        how="intersection",
        keep_geom_type=True,
    )
    pieces["population"] = shapely.area(pieces.geometry.values)
    pieces = pieces[pieces["population"] > 1.0]  # slivers along shared edges (m²)
    return pieces[["source", "zone_code", "population"]].assign(method="area")


def apportion_counts(counts: pd.DataFrame, weights: pd.DataFrame, zone_codes) -> pd.DataFrame:
    """Counts per source polygon (index source id, one column per count) carried to zones.

    Returns a frame indexed by ``zone_codes`` (every zone, 0 where no source reaches it), one column
    per count; each column's sum equals the sources' sum.
    """
    w = weights.set_index("source")
    joined = w[["zone_code", "share"]].join(counts, how="inner")
    values = joined[counts.columns].mul(joined["share"], axis=0)
    values["zone_code"] = joined["zone_code"].to_numpy()
    out = values.groupby("zone_code")[list(counts.columns)].sum()
    return out.reindex(pd.Index(zone_codes, name="zone_code"), fill_value=0.0)


def ratio(numerator: pd.Series, denominator: pd.Series, scale: float = 100.0) -> pd.Series:
    """numerator / denominator × scale, NaN where the denominator is 0 (never averaged)."""
    den = denominator.where(denominator > 0)
    return numerator / den * scale
