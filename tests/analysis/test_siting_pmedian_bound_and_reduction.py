"""The p-median's Lagrangian bound never exceeds the optimum, the candidates it rules out are in
no optimal opening, and substitution never makes an opening worse."""

import numpy as np
import pytest

from geoplan.analysis.siting import greedy, pmedian_cost
from geoplan.analysis.siting_greedy import swap_pmedian
from geoplan.analysis.siting_lagrange import reduce_pmedian
from tests.analysis.siting_cases import random_problem, subsets


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("k", [1, 2, 3])
def test_the_bound_is_below_the_optimum_and_keeps_every_optimal_site(seed, k):
    problem = random_problem(seed, n_cells=20, n_cand=8, n_existing=seed % 2)
    costs = {s: pmedian_cost(problem, s) for s in subsets(problem, k)}
    optimum = min(costs.values())
    known = greedy(problem, "pmedian", k).chosen
    reduction = reduce_pmedian(problem, k, known)
    assert reduction.bound <= optimum * (1 + 1e-9)
    assert reduction.best_cost == pytest.approx(pmedian_cost(problem, reduction.best))
    assert reduction.best_cost <= pmedian_cost(problem, known)
    for opening, cost in costs.items():
        if cost <= optimum * (1 + 1e-12):
            assert reduction.keep[list(opening)].all(), (opening, reduction.keep)


@pytest.mark.parametrize("seed", range(8))
def test_substitution_never_makes_an_opening_worse(seed):
    problem = random_problem(seed, n_cells=40, n_cand=15)
    rng = np.random.default_rng(seed)
    for k in (2, 4):
        start = rng.choice(problem.n_candidates, size=k, replace=False)
        better = swap_pmedian(problem, start)
        assert len(set(better)) == len(better) <= k
        assert pmedian_cost(problem, better) <= pmedian_cost(problem, start) + 1e-9
