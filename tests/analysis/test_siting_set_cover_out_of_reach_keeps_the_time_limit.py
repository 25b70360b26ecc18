"""Set cover whose target no k sites reach answers with the k sites covering the most, found in
what is left of the one time limit (never a second full limit), and its status says the target
was not met."""

import time

import numpy as np
import pytest

from geoplan.analysis import siting_models
from geoplan.analysis.siting import SitingProblem, coverage, solve
from tests.analysis.siting_cases import spread_problem

TIME_LIMIT_S = 4.0


@pytest.fixture
def solver_deadlines(monkeypatch):
    """Each solver run's deadline (when it was started plus the time it was given), as
    perf_counter readings; the real solver runs."""
    deadlines = []
    real_run = siting_models.run

    def run(model, time_limit_s):
        deadlines.append(time.perf_counter() + max(float(time_limit_s), 1e-3))
        return real_run(model, time_limit_s)

    monkeypatch.setattr(siting_models, "run", run)
    return deadlines


def test_the_best_k_sites_are_sought_in_the_time_left_only(solver_deadlines):
    problem = spread_problem(2, 2500, 500)
    started = time.perf_counter()
    answer = solve(problem, "setcover", 3, coverage_target=95, time_limit_s=TIME_LIMIT_S)
    # The set cover proved the target out of reach, then a maximal covering of 3 sites ran.
    assert len(solver_deadlines) == 2
    assert answer.status in ("target_not_met", "target_not_met_time_limit")
    assert answer.target_met is False and len(answer.chosen) == 3
    # The second run ends when the one time limit does, not a full limit after the first.
    assert solver_deadlines[1] <= started + TIME_LIMIT_S + 1e-3
    assert answer.seconds < TIME_LIMIT_S + 1.0
    assert coverage(problem, answer.chosen).need_weighted > 0


def test_a_target_out_of_reach_is_said_even_when_the_best_k_are_proven():
    # Cells 0 and 1 (30 each) are reached by candidates 0 and 1 alone; cell 2 (40) by none.
    problem = SitingProblem(
        demand=[30.0, 30.0, 40.0],
        residents=[30.0, 30.0, 40.0],
        pair_cand=[0, 1],
        pair_cell=[0, 1],
        pair_min=[5.0, 6.0],
        existing_min=[np.inf, np.inf, np.inf],
        n_candidates=2,
        threshold_min=15,
    )
    answer = solve(problem, "setcover", 1, coverage_target=60)
    assert answer.status == "target_not_met"
    assert answer.target_met is False and answer.objective == 1
