"""E2SFCA's supply mode can be chosen per category ({category: mode}), so that a recompute keeps
the units of an earlier one; a category left out of the dict is "auto", a capacity of 0 is not a
known capacity, and an unknown mode is refused."""

import numpy as np
import pandas as pd
import pytest

from geoplan.analysis.measures import compute_all, gaussian_weight, supply_of
from tests.analysis.factories import hand_network, local_lonlat

# A(0) - B(1000 m): B is 13.33 min from A at 4.5 km/h.
LINE = hand_network({1: (0, 0), 2: (1000, 0)}, [(1, 2, 1000.0)])
LON, LAT = local_lonlat([(0, 0), (1000, 0)])
CELLS = pd.DataFrame({"h3": ["a", "b"], "lon": LON, "lat": LAT, "population": [100, 50]})
PIECES = pd.DataFrame({"h3": ["a", "b"], "zone_code": ["1", "1"], "population": [100, 50]})
# Food: two sites with capacities (auto counts capacity); shelter: one capacity missing (auto
# counts sites). Both categories have a site at A and one at B.
SITES = pd.DataFrame(
    {
        "site_id": ["f1", "f2", "s1", "s2"],
        "category": ["food", "food", "shelter", "shelter"],
        "lon": [LON[0], LON[1], LON[0], LON[1]],
        "lat": [LAT[0], LAT[1], LAT[0], LAT[1]],
        "capacity": [10.0, 30.0, 8.0, np.nan],
    }
)


def access(supply_a: float, supply_b: float) -> np.ndarray:
    """E2SFCA at A and B with supply_a at A and supply_b at B (the formula, by hand)."""
    g = gaussian_weight(1000 / 75, 20.0)
    ratio_a = supply_a / (100 + 50 * g)
    ratio_b = supply_b / (100 * g + 50)
    return np.array([ratio_a + g * ratio_b, g * ratio_a + ratio_b])


def e2sfca_of(results, category: str) -> np.ndarray:
    return results.cells.query("category == @category")["e2sfca"].to_numpy()


def test_a_dict_sets_the_mode_of_each_category_and_auto_the_rest():
    results = compute_all(LINE, CELLS, PIECES, SITES, supply_mode={"shelter": "capacity"})
    assert results.params["supply_mode_used"] == {"food": "capacity", "shelter": "capacity"}
    assert results.params["supply_mode"] == {"shelter": "capacity"}
    np.testing.assert_allclose(e2sfca_of(results, "food"), access(10, 30))
    # The missing capacity counts one unit.
    np.testing.assert_allclose(e2sfca_of(results, "shelter"), access(8, 1))

    results = compute_all(LINE, CELLS, PIECES, SITES, supply_mode={"food": "sites"})
    assert results.params["supply_mode_used"] == {"food": "sites", "shelter": "sites"}
    np.testing.assert_allclose(e2sfca_of(results, "food"), access(1, 1))
    np.testing.assert_allclose(e2sfca_of(results, "shelter"), access(1, 1))


def test_one_mode_for_every_category_still_works():
    results = compute_all(LINE, CELLS, PIECES, SITES, supply_mode="capacity")
    assert results.params["supply_mode_used"] == {"food": "capacity", "shelter": "capacity"}
    assert compute_all(LINE, CELLS, PIECES, SITES).params["supply_mode_used"] == {
        "food": "capacity",
        "shelter": "sites",
    }


def test_a_capacity_of_zero_is_not_a_known_capacity():
    supply, mode = supply_of([10.0, 0.0])
    assert mode == "sites" and supply.tolist() == [1.0, 1.0]
    supply, mode = supply_of([10.0, 0.0], "capacity")
    assert mode == "capacity" and supply.tolist() == [10.0, 1.0]


@pytest.mark.parametrize("mode", ["beds", {"food": "beds"}, {"food": None}])
def test_an_unknown_mode_is_refused(mode):
    with pytest.raises(ValueError, match="supply_mode must be one of"):
        compute_all(LINE, CELLS, PIECES, SITES, supply_mode=mode)
