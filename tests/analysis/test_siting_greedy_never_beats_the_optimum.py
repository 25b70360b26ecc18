"""The greedy answer is a preview: never better than the optimum, and a real answer too."""

import pytest

from geoplan.analysis.siting import coverage, greedy, pmedian_cost, solve
from tests.analysis.siting_cases import random_problem

SEEDS = range(8)


@pytest.mark.parametrize("seed", SEEDS)
def test_greedy_covers_no_more_than_the_optimum(seed):
    problem = random_problem(seed, n_cells=25, n_cand=10)
    for k in (1, 2, 4):
        quick, best = greedy(problem, "mclp", k), solve(problem, "mclp", k)
        assert quick.status == "greedy" and quick.gap is None and len(quick.chosen) <= k
        assert quick.objective == pytest.approx(coverage(problem, quick.chosen).need_weighted)
        assert quick.objective <= best.objective + 1e-9


@pytest.mark.parametrize("seed", SEEDS)
def test_greedy_walks_no_less_than_the_optimum(seed):
    problem = random_problem(seed, n_cells=25, n_cand=10)
    for k in (1, 2, 4):
        quick, best = greedy(problem, "pmedian", k), solve(problem, "pmedian", k)
        assert quick.objective == pytest.approx(pmedian_cost(problem, quick.chosen))
        assert quick.objective >= best.objective - 1e-9


@pytest.mark.parametrize("seed", SEEDS)
def test_greedy_set_cover_reaches_the_target_with_no_fewer_sites(seed):
    problem = random_problem(seed, n_cells=25, n_cand=10)
    quick = greedy(problem, "setcover", None, coverage_target=80)
    best = solve(problem, "setcover", None, coverage_target=80)
    assert quick.target_met and best.target_met
    assert quick.objective >= best.objective


@pytest.mark.parametrize("seed", SEEDS)
def test_capacitated_greedy_covers_no_more_than_the_optimum(seed):
    problem = random_problem(seed, n_cells=25, n_cand=10, capacity=True)
    for k in (1, 3):
        quick, best = greedy(problem, "mclp", k), solve(problem, "mclp", k)
        assert quick.objective <= best.objective + 1e-7
