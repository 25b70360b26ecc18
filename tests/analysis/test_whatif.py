"""What-if: a bounded search from the proposed sites equals a full recomputation, fast."""

import numpy as np
import pandas as pd
import pytest

from geoplan.analysis.routing import minutes_from_m, nearest_m, snap_points
from geoplan.analysis.whatif import whatif_nearest_min, whatif_zones


@pytest.fixture(scope="module")
def setting(turin, turin_grid, turin_points):
    lon, lat = turin_points
    cells = snap_points(turin, turin_grid.cells["lon"], turin_grid.cells["lat"])
    sites = snap_points(turin, lon[:4], lat[:4])
    current = minutes_from_m(nearest_m(turin, sites, cells))
    return cells, current, lon, lat


def test_it_equals_a_full_recomputation_with_the_new_site(turin, setting, turin_points):
    cells, current, lon, lat = setting
    for k in (20, 21, 22):
        new = whatif_nearest_min(turin, cells, current, [lon[k]], [lat[k]])
        all_sites = snap_points(turin, np.r_[lon[:4], lon[k]], np.r_[lat[:4], lat[k]])
        full = minutes_from_m(nearest_m(turin, all_sites, cells))
        np.testing.assert_allclose(new, full, rtol=0, atol=1e-9)
        assert np.all(new <= current)
        assert (new < current).any()


def test_a_limit_changes_only_cells_within_it(turin, setting):
    cells, current, lon, lat = setting
    new = whatif_nearest_min(turin, cells, current, [lon[30]], [lat[30]], limit_min=10.0)
    changed = new < current
    assert changed.any() and (new[changed] <= 10.0).all()


def test_it_handles_a_category_without_sites(turin, setting):
    cells, _, lon, lat = setting
    new = whatif_nearest_min(turin, cells, np.full(len(cells), np.inf), [lon[0]], [lat[0]])
    assert np.isfinite(new).all()


def test_the_zone_summary_counts_residents_newly_within_reach():
    pieces = pd.DataFrame(
        {"h3": ["x", "y", "y"], "zone_code": ["A", "A", "B"], "population": [10, 5, 20]}
    )
    before, after = np.array([30.0, 18.0]), np.array([12.0, 18.0])
    need = pd.Series({"A": 1.0, "B": 0.5})
    out = whatif_zones(pieces, ["x", "y"], before, after, 15, need)
    assert out.loc["A", "newly_within"] == 10 and out.loc["B", "newly_within"] == 0
    assert out.loc["A", "mean_min_before"] == pytest.approx((10 * 30 + 5 * 18) / 15)
    assert out.loc["A", "delta_mean_min"] == pytest.approx(10 * (12 - 30) / 15)
    # Need-weighted residents beyond 15 min: A 1.0 x 15 then 1.0 x 5; B 0.5 x 20 throughout.
    assert out.loc["A", "gap_people_before"] == 15 and out.loc["A", "gap_people_after"] == 5
    assert out.loc["B", "gap_people_after"] == 10
    assert out.loc["A", "gap_rank_before"] == 1 and out.loc["A", "gap_rank_after"] == 2
