"""Set cover: demand that no site could reach is reported and the target is cut to what is
reachable, instead of the model failing as infeasible."""

import numpy as np
import pytest

from geoplan.analysis.siting import SitingProblem, coverage, greedy, solve


def problem_with_a_far_cell():
    # Cells 0 and 1 are reachable (from candidates 0 and 1); cell 2 (need 40) from nothing.
    return SitingProblem(
        demand=[30.0, 30.0, 40.0],
        residents=[30.0, 30.0, 40.0],
        pair_cand=[0, 1, 1],
        pair_cell=[0, 1, 2],
        pair_min=[5.0, 6.0, 40.0],
        existing_min=[np.inf, np.inf, np.inf],
        n_candidates=2,
        threshold_min=15,
    )


def test_unreachable_need_is_reported():
    assert problem_with_a_far_cell().unreachable_need_weighted() == 40.0


@pytest.mark.parametrize("answer_of", [solve, greedy])
def test_the_target_is_cut_to_what_is_reachable(answer_of):
    problem = problem_with_a_far_cell()
    answer = answer_of(problem, "setcover", None, coverage_target=90)
    assert answer.coverage_target == pytest.approx(60.0)
    assert answer.target_met
    assert sorted(answer.chosen) == [0, 1] and answer.objective == 2
    assert coverage(problem, answer.chosen).need_weighted == 60.0


def test_a_target_out_of_reach_of_k_sites_gives_the_best_k_sites():
    problem = problem_with_a_far_cell()
    answer = solve(problem, "setcover", 1, coverage_target=60)
    assert answer.target_met is False
    assert len(answer.chosen) == 1 and coverage(problem, answer.chosen).need_weighted == 30.0


def test_a_target_met_by_existing_sites_needs_no_new_site():
    problem = SitingProblem(
        demand=[80.0, 20.0],
        residents=[80.0, 20.0],
        pair_cand=[0],
        pair_cell=[1],
        pair_min=[3.0],
        existing_min=[2.0, np.inf],
        n_candidates=1,
        threshold_min=15,
    )
    answer = solve(problem, "setcover", None, coverage_target=75)
    assert answer.objective == 0 and answer.target_met and answer.status == "optimal"
