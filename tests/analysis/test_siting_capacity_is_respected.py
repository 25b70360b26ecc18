"""A site with a capacity serves at most that many residents; coverage counts what it serves."""

import numpy as np
import pytest

from geoplan.analysis.siting import SitingProblem, coverage, greedy, solve


def two_cells_one_small_site(capacity):
    # Two cells of 100 residents within reach of candidate 0; cell 1 has more need per resident.
    return SitingProblem(
        demand=[20.0, 60.0],
        residents=[100.0, 100.0],
        pair_cand=[0, 0, 1],
        pair_cell=[0, 1, 0],
        pair_min=[5.0, 5.0, 14.0],
        existing_min=[np.inf, np.inf],
        n_candidates=2,
        threshold_min=15,
        capacity=capacity,
    )


def test_a_site_serves_the_neediest_residents_up_to_its_capacity():
    problem = two_cells_one_small_site([150.0, np.nan])
    served = coverage(problem, [0])
    # All of cell 1 (60 need) and half of cell 0 (10 need): 150 residents.
    assert served.residents == pytest.approx(150.0)
    assert served.need_weighted == pytest.approx(70.0)


def test_a_site_without_capacity_covers_all_it_reaches():
    problem = two_cells_one_small_site([150.0, np.nan])
    assert coverage(problem, [1]).residents == 100.0
    assert coverage(problem, [0, 1]).need_weighted == pytest.approx(80.0)


@pytest.mark.parametrize("answer_of", [solve, greedy])
def test_the_model_counts_capacity(answer_of):
    # Uncapacitated, candidate 0 would cover both cells (80); with 150 residents it serves 70,
    # still more than candidate 1 (20).
    problem = two_cells_one_small_site([150.0, np.nan])
    answer = answer_of(problem, "mclp", 1)
    assert list(answer.chosen) == [0] and answer.objective == pytest.approx(70.0)
    # A site of capacity 0 serves nobody: the other one is chosen.
    problem = two_cells_one_small_site([0.0, np.nan])
    answer = answer_of(problem, "mclp", 1)
    assert list(answer.chosen) == [1] and answer.objective == pytest.approx(20.0)


def test_two_capacitated_sites_never_serve_a_cell_twice():
    problem = SitingProblem(
        demand=[50.0],
        residents=[100.0],
        pair_cand=[0, 1],
        pair_cell=[0, 0],
        pair_min=[4.0, 6.0],
        existing_min=[np.inf],
        n_candidates=2,
        threshold_min=15,
        capacity=[80.0, 80.0],
    )
    served = coverage(problem, [0, 1])
    assert served.residents == pytest.approx(100.0) and served.need_weighted == pytest.approx(50.0)
    assert solve(problem, "mclp", 2).objective == pytest.approx(50.0)
