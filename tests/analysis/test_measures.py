"""Accessibility measures: nearest, coverage, cumulative opportunities and E2SFCA."""

import numpy as np
import pandas as pd
import pytest

from geoplan.analysis.measures import compute_all, e2sfca, gaussian_weight, supply_of
from geoplan.analysis.need import Indicator
from tests.analysis.factories import hand_network, local_lonlat

# A(0) - B(1000 m) - C(2000 m); at 4.5 km/h, 75 m a minute: B is 13.33 min from A, C 26.67 min.
LINE = hand_network({1: (0, 0), 2: (1000, 0), 3: (2000, 0)}, [(1, 2, 1000.0), (2, 3, 1000.0)])
LON, LAT = local_lonlat([(0, 0), (1000, 0), (2000, 0)])
CELLS = pd.DataFrame({"h3": ["a", "b", "c"], "lon": LON, "lat": LAT, "population": [100, 50, 10]})
# Zone 1 holds cell a and half of b; zone 2 the other half of b and c.
PIECES = pd.DataFrame(
    {
        "h3": ["a", "b", "b", "c"],
        "zone_code": ["1", "1", "2", "2"],
        "population": [100, 25, 25, 10],
    }
)
SITES = pd.DataFrame(
    {"site_id": ["s1"], "category": ["food"], "lon": LON[:1], "lat": LAT[:1], "capacity": [10.0]}
)


@pytest.fixture(scope="module")
def line_results():
    return compute_all(LINE, CELLS, PIECES, SITES, categories=["food", "shelter"])


def test_nearest_minutes_and_the_nearest_site(line_results):
    food = line_results.cells.query("category == 'food'").set_index("h3")
    np.testing.assert_allclose(food["nearest_min"], [0.0, 1000 / 75, 2000 / 75], atol=1e-9)
    assert food["nearest_site_id"].tolist() == ["s1", "s1", "s1"]


def test_sites_and_capacity_within_each_threshold(line_results):
    food = line_results.cells.query("category == 'food'").set_index("h3")
    assert food["sites_within_10"].tolist() == [1, 0, 0]
    assert food["sites_within_15"].tolist() == [1, 1, 0]
    assert food["capacity_within_20"].tolist() == [10.0, 10.0, 0.0]


def test_e2sfca_matches_the_formula(line_results):
    food = line_results.cells.query("category == 'food'").set_index("h3")
    g = gaussian_weight(1000 / 75, 20.0)
    ratio = 10.0 / (100 * 1.0 + 50 * g)
    np.testing.assert_allclose(food["e2sfca"], [ratio, g * ratio, 0.0])


def test_zone_measures_weight_each_piece_by_its_residents(line_results):
    food = line_results.zones.query("category == 'food'").set_index("zone_code")
    assert food.loc["1", "population"] == 125 and food.loc["2", "population"] == 35
    assert food.loc["1", "mean_min"] == pytest.approx(25 * (1000 / 75) / 125)
    assert food.loc["2", "mean_min"] == pytest.approx((25 * 1000 / 75 + 10 * 2000 / 75) / 35)
    assert food.loc["2", "share_within_15"] == pytest.approx(25 / 35)
    assert food.loc["2", "pop_within_15"] == 25


def test_a_category_without_sites_is_explicitly_unreachable(line_results):
    cells = line_results.cells.query("category == 'shelter'")
    assert np.isinf(cells["nearest_min"]).all() and cells["nearest_site_id"].isna().all()
    assert (cells["e2sfca"] == 0).all() and (cells["sites_within_20"] == 0).all()
    zones = line_results.zones.query("category == 'shelter'")
    assert zones["mean_min"].isna().all() and (zones["share_within_15"] == 0).all()
    assert zones["gap_rank"].isna().all()  # no indicators given


def test_gaussian_decay_runs_from_one_to_zero():
    np.testing.assert_allclose(
        gaussian_weight([0.0, 20.0, 25.0], 20.0), [1.0, 0.0, 0.0], atol=1e-12
    )
    w = gaussian_weight(np.linspace(0, 20, 50), 20.0)
    assert np.all(np.diff(w) < 0)


def test_supply_falls_back_to_one_per_site_when_a_capacity_is_missing():
    assert supply_of([10, 20])[1] == "capacity"
    supply, mode = supply_of([10, np.nan])
    assert mode == "sites" and supply.tolist() == [1.0, 1.0]
    assert supply_of([10, np.nan], "capacity")[0].tolist() == [10.0, 1.0]
    assert supply_of([10, 20], "sites")[0].tolist() == [1.0, 1.0]


def test_e2sfca_conserves_supply():
    # Site 2 serves nobody (only an empty cell is in reach): its supply is not handed out.
    src, pt, t = np.array([0, 0, 1, 1]), np.array([0, 1, 1, 2]), np.array([2.0, 9.0, 5.0, 1.0])
    pop = np.array([30.0, 0.0, 0.0])
    access, ratio, demand = e2sfca(src[[0, 1, 3]], pt[[0, 1, 3]], t[[0, 1, 3]], [5.0, 7.0], pop)
    assert (pop * access).sum() == pytest.approx(5.0)
    assert ratio[1] == 0.0 and demand[1] == 0.0


@pytest.fixture(scope="module")
def turin_sites(turin_points):
    lon, lat = turin_points
    rng = np.random.default_rng(3)
    return pd.DataFrame(
        {
            "site_id": np.arange(40),
            "category": np.repeat(["a", "b", "c", "d", "e"], 8),
            "lon": lon[:40],
            "lat": lat[:40],
            "capacity": np.where(np.arange(40) < 32, rng.integers(5, 90, 40), np.nan),
        }
    )


@pytest.fixture(scope="module")
def turin_results(turin, turin_grid, turin_sites, zones):
    indicators = zones.set_index("ZONASTAT")[["pop2023"]].rename(columns={"pop2023": "residents"})
    return compute_all(
        turin, turin_grid.cells, turin_grid.pieces, turin_sites, indicators,
        [Indicator("residents")], categories=["a", "b", "c", "d", "e", "f", "g"],
    )  # fmt: skip


def test_e2sfca_supply_is_conserved_on_turin(turin_results, turin_grid):
    pop = turin_grid.cells.set_index("h3")["population"]
    for cat, cells in turin_results.cells.groupby("category"):
        sites = turin_results.sites.query("category == @cat")
        served = sites.loc[sites["catchment_demand"] > 0, "supply"].sum()
        held = (cells.set_index("h3")["e2sfca"] * pop).sum()
        assert held == pytest.approx(served, rel=1e-9, abs=1e-9), cat
    assert turin_results.params["supply_mode_used"]["e"] == "sites"
    assert turin_results.params["supply_mode_used"]["a"] == "capacity"


def test_shares_are_within_zero_and_one_and_grow_with_the_threshold(turin_results):
    zones = turin_results.zones
    for t in (10, 15, 20):
        assert zones[f"share_within_{t}"].between(0, 1).all()
    assert (zones["share_within_10"] <= zones["share_within_15"]).all()
    assert (zones["share_within_15"] <= zones["share_within_20"]).all()
    assert zones.groupby("category")["population"].sum().eq(860_973).all()
    assert turin_results.city["share_within_20"].between(0, 1).all()


def test_gap_ranks_run_from_one_per_category(turin_results):
    for cat, zones in turin_results.zones.groupby("category"):
        ranks = zones["gap_rank"].dropna()
        assert ranks.min() == 1 and len(ranks) == 94, cat
        assert zones["gap"].between(0, 1).all()
