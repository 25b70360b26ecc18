"""A time limit too short for the solver still answers: the status says so, with the gap to the
proven bound, and the greedy answer stands in when no feasible one was found."""

import numpy as np
import pytest

from geoplan.analysis.siting import greedy, solve
from tests.analysis.siting_cases import spread_problem


def large_problem(seed=1, n_cells=3000, n_cand=600):
    return spread_problem(seed, n_cells, n_cand)


@pytest.fixture(scope="module")
def problem():
    return large_problem()


@pytest.mark.parametrize("model,k", [("mclp", 8), ("pmedian", 8), ("setcover", None)])
def test_a_tiny_time_limit_falls_back_to_the_greedy_answer(problem, model, k):
    answer = solve(problem, model, k, time_limit_s=1e-3)
    quick = greedy(problem, model, k)
    assert answer.status in ("greedy_fallback", "time_limit")
    if answer.status == "greedy_fallback":
        assert list(answer.chosen) == list(quick.chosen)
    if model == "mclp":
        assert answer.objective >= quick.objective
    else:
        assert answer.objective <= quick.objective
    if model != "setcover":
        # The bound is at least that of opening every candidate: the gap is a real number.
        assert answer.gap is not None and answer.gap > 0
        assert np.isfinite(answer.bound)
