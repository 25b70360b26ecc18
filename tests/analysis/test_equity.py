"""Population-weighted Gini and Palma ratio."""

import numpy as np
import pytest

from geoplan.analysis.equity import gini, lorenz, palma


def pairwise_gini(x, w):
    x, w = np.asarray(x, float), np.asarray(w, float)
    mean = np.average(x, weights=w)
    return (w[:, None] * w[None, :] * np.abs(x[:, None] - x[None, :])).sum() / (
        2 * w.sum() ** 2 * mean
    )


def test_equal_values_have_a_gini_of_zero():
    assert gini([7.0, 7.0, 7.0], [1, 50, 3]) == pytest.approx(0.0, abs=1e-15)


def test_gini_equals_the_weighted_mean_absolute_difference():
    rng = np.random.default_rng(1)
    x, w = rng.gamma(2.0, 3.0, 200), rng.integers(0, 500, 200)
    assert gini(x, w) == pytest.approx(pairwise_gini(x, w), rel=1e-12)


def test_weights_act_as_repeated_people():
    assert gini([1, 2, 5], [2, 1, 3]) == pytest.approx(gini([1, 1, 2, 5, 5, 5]))
    assert palma([1, 2, 5], [2, 1, 3]) == pytest.approx(palma([1, 1, 2, 5, 5, 5]))


def test_one_person_holding_everything():
    assert gini([0, 0, 0, 1]) == pytest.approx(0.75)


def test_palma_on_a_known_vector():
    # Ten people 1..10: top 10% hold 10/55, bottom 40% hold 10/55.
    assert palma(np.arange(1, 11)) == pytest.approx(1.0)
    # Twenty people: the top two hold 19+20, the bottom eight 1..8.
    assert palma(np.arange(1, 21)) == pytest.approx((19 + 20) / 36)


def test_palma_splits_a_cell_across_the_cut():
    # Five people at 1 and five at 3: bottom 40% = four people at 1 (4/20), top 10% = one at 3.
    assert palma([1, 3], [5, 5]) == pytest.approx((3 / 20) / (4 / 20))


def test_undefined_cases():
    assert np.isnan(gini([np.inf, 1.0]))
    assert np.isnan(gini([0.0, 0.0]))
    assert palma([0.0, 0.0, 0.0, 0.0, 1.0]) == np.inf
    assert np.isnan(gini([1.0, 2.0], [0, 0]))


def test_lorenz_runs_from_zero_to_one():
    p, share = lorenz([3, 1, 2], [1, 1, 2])
    assert p[0] == 0 and p[-1] == 1 and share[0] == 0 and share[-1] == pytest.approx(1)
    assert np.all(np.diff(share) >= 0)
