"""Existing sites of the category stay open: what they cover counts, and choosing never
uncovers it."""

import numpy as np
import pytest

from geoplan.analysis.siting import SitingProblem, coverage, nearest_after, solve
from tests.analysis.siting_cases import random_problem


def test_a_cell_near_an_existing_site_is_covered_with_no_site_chosen():
    # Cell 0 is 5 min from an existing site; cell 1 has none within 15; one candidate reaches 1.
    problem = SitingProblem(
        demand=[30.0, 20.0],
        residents=[100.0, 50.0],
        pair_cand=[0],
        pair_cell=[1],
        pair_min=[12.0],
        existing_min=[5.0, np.inf],
        n_candidates=1,
        threshold_min=15,
    )
    assert coverage(problem, []).residents == 100.0
    assert coverage(problem, []).need_weighted == 30.0
    assert coverage(problem, [0]).need_weighted == 50.0
    answer = solve(problem, "mclp", 1)
    assert list(answer.chosen) == [0] and answer.objective == 50.0


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("model", ["mclp", "pmedian", "setcover"])
def test_choosing_never_uncovers_a_cell_an_existing_site_covers(seed, model):
    problem = random_problem(seed, n_cells=30, n_cand=8, n_existing=3)
    covered_now = problem.existing_min <= problem.threshold_min
    assert covered_now.any()
    k = None if model == "setcover" else 3
    answer = solve(problem, model, k)
    after = nearest_after(problem, answer.chosen)
    assert (after <= problem.existing_min).all()
    assert (after[covered_now] <= problem.threshold_min).all()
    assert coverage(problem, answer.chosen).need_weighted >= coverage(problem, []).need_weighted


def test_cells_covered_already_do_not_attract_new_sites():
    # Candidate 0 reaches only an already-covered cell with much need; candidate 1 a new one.
    problem = SitingProblem(
        demand=[1000.0, 1.0],
        residents=[1000.0, 1.0],
        pair_cand=[0, 1],
        pair_cell=[0, 1],
        pair_min=[1.0, 10.0],
        existing_min=[3.0, np.inf],
        n_candidates=2,
        threshold_min=15,
    )
    assert list(solve(problem, "mclp", 1).chosen) == [1]
