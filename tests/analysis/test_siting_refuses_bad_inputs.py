"""Inputs that make no sense are refused with a sentence naming what is wrong."""

import numpy as np
import pytest

from geoplan.analysis.siting import SitingProblem, solve


def arrays(**change):
    base = dict(
        demand=[1.0, 2.0],
        residents=[1.0, 2.0],
        pair_cand=[0, 1],
        pair_cell=[0, 1],
        pair_min=[3.0, 4.0],
        existing_min=[np.inf, 20.0],
        n_candidates=2,
        threshold_min=15,
    )
    return base | change


@pytest.mark.parametrize(
    "change,words",
    [
        ({"demand": [-1.0, 2.0]}, "demand"),
        ({"residents": [1.0]}, "one value per cell"),
        ({"pair_cand": [0, 5]}, "pair_cand"),
        ({"pair_cell": [0, 2]}, "pair_cell"),
        ({"pair_min": [3.0, -1.0]}, "pair_min"),
        ({"existing_min": [np.nan, 1.0]}, "existing_min"),
        ({"capacity": [10.0]}, "capacity"),
        ({"capacity": [-5.0, np.nan]}, "capacity"),
        ({"threshold_min": 0}, "threshold_min"),
    ],
)
def test_a_bad_array_is_refused(change, words):
    with pytest.raises(ValueError, match=words):
        SitingProblem(**arrays(**change))


def test_a_bad_model_or_k_is_refused():
    problem = SitingProblem(**arrays())
    with pytest.raises(ValueError, match="model must be one of"):
        solve(problem, "pcenter", 1)
    with pytest.raises(ValueError, match="k must be a whole number"):
        solve(problem, "mclp", 0)
    with pytest.raises(ValueError, match="k .* is required"):
        solve(problem, "pmedian", None)
    with pytest.raises(ValueError, match="coverage_target"):
        solve(problem, "setcover", None, coverage_target=120)


def test_duplicate_pairs_keep_the_shortest_time():
    problem = SitingProblem(**arrays(pair_cand=[0, 0], pair_cell=[1, 1], pair_min=[30.0, 12.0]))
    assert list(problem.pair_min) == [12.0]
    assert solve(problem, "mclp", 1).objective == 2.0
