"""Counts apportioned from source polygons to zones by population, totals preserved."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from geoplan.analysis.apportion import (
    apportion_counts,
    apportion_weights,
    population_surface,
    ratio,
)

CRS = "EPSG:32632"


def _frame(boxes: dict, **columns) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(columns, geometry=list(boxes.values()), index=list(boxes), crs=CRS)


# Two zones side by side (A: x 0-100, B: x 100-200), each 100 m tall.
ZONES = _frame({"A": box(0, 0, 100, 100), "B": box(100, 0, 200, 100)}, population=[300, 100])
# One source straddles both zones (x 50-150), the other holds the rest of B (x 150-200).
SOURCES = _frame({"s1": box(50, 0, 150, 100), "s2": box(150, 0, 200, 100)})


def _streets(xs):
    """One street point per x (1 m of street each), all at y = 50."""
    xs = np.asarray(xs, dtype=float)
    return xs, np.full(len(xs), 50.0), np.ones(len(xs))


def test_residents_follow_the_streets_of_each_zone():
    # Zone A's streets lie at x 10-90 (8 points), zone B's at 110-190 (8 points).
    surface = population_surface(
        ZONES, *_streets(list(range(10, 100, 10)) + list(range(110, 200, 10)))
    )
    per_zone = surface.groupby("zone_code")["population"].sum()
    assert per_zone["A"] == pytest.approx(300) and per_zone["B"] == pytest.approx(100)


def test_a_source_count_is_split_by_where_its_residents_live_not_by_area():
    # Streets: A at x 5..95 (10 points, 300 residents), B at 105..195 (10 points, 100 residents).
    # Source s1 (x 50-150) covers half of each zone by area, and holds 5 street points of each:
    # 300 x 5/10 residents of A and 100 x 5/10 of B, so 3/4 of its residents live in A.
    surface = population_surface(ZONES, *_streets(list(range(5, 200, 10))))
    weights = apportion_weights(SOURCES, ZONES, surface)
    s1 = weights[weights["source"] == "s1"].set_index("zone_code")["share"]
    assert s1["A"] == pytest.approx(0.75) and s1["B"] == pytest.approx(0.25)
    assert weights.groupby("source")["share"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_totals_are_preserved_for_every_count():
    surface = population_surface(ZONES, *_streets(list(range(10, 200, 7))))
    weights = apportion_weights(SOURCES, ZONES, surface)
    counts = pd.DataFrame({"people": [1000.0, 250.0], "foreign": [120.0, 9.0]}, index=["s1", "s2"])
    per_zone = apportion_counts(counts, weights, ZONES.index)
    assert per_zone.sum().tolist() == pytest.approx(counts.sum().tolist())
    # s2 lies wholly in B, so B holds all of it and part of s1.
    assert per_zone.loc["B", "people"] > 250.0


def test_a_source_without_streets_falls_back_to_area():
    surface = population_surface(ZONES, *_streets([10, 20, 30]))  # streets only in A
    weights = apportion_weights(SOURCES, ZONES, surface)
    s2 = weights[weights["source"] == "s2"]
    assert s2["method"].tolist() == ["area"] and s2["zone_code"].tolist() == ["B"]


def test_a_source_outside_every_zone_is_refused_by_name():
    far = _frame({"s1": box(50, 0, 150, 100), "far": box(5000, 5000, 5100, 5100)})
    surface = population_surface(ZONES, *_streets(range(10, 200, 10)))
    with pytest.raises(ValueError, match="far"):
        apportion_weights(far, ZONES, surface)


def test_a_ratio_is_formed_from_counts_and_is_empty_where_the_denominator_is_zero():
    out = ratio(pd.Series([10.0, 5.0]), pd.Series([40.0, 0.0]))
    assert out.iloc[0] == 25.0 and np.isnan(out.iloc[1])
