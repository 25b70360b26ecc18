"""Each model's answer equals the best over every k-subset of candidates, on seeded instances."""

import numpy as np
import pytest

from geoplan.analysis import siting_models
from geoplan.analysis.siting import coverage, pmedian_cost, setcover_target, solve
from tests.analysis.siting_cases import best_mclp, best_pmedian, fewest_sites, random_problem

SEEDS = range(6)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("k", [1, 2, 3])
def test_maximal_covering_equals_brute_force(seed, k):
    problem = random_problem(seed)
    answer = solve(problem, "mclp", k)
    assert answer.status == "optimal" and answer.gap == 0.0
    assert len(answer.chosen) <= k
    assert answer.objective == pytest.approx(best_mclp(problem, k), rel=1e-9)
    assert answer.objective == pytest.approx(coverage(problem, answer.chosen).need_weighted)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("k", [1, 2, 3])
def test_p_median_equals_brute_force(seed, k):
    problem = random_problem(seed, n_existing=seed % 2)  # with and without an existing site
    answer = solve(problem, "pmedian", k)
    assert answer.status == "optimal" and answer.gap == 0.0
    best = best_pmedian(problem, k)
    assert answer.objective == pytest.approx(best, rel=1e-9)
    # The assignment formulation alone (without the Lagrangian reduction) agrees.
    alone = siting_models.run(siting_models.build_pmedian(problem, k), time_limit_s=30)
    assert alone.code == 0 and alone.value == pytest.approx(best, rel=1e-9)
    assert pmedian_cost(problem, alone.chosen) == pytest.approx(best, rel=1e-9)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("target", [50.0, 75.0, 95.0])
def test_set_cover_equals_brute_force(seed, target):
    problem = random_problem(seed)
    answer = solve(problem, "setcover", None, coverage_target=target)
    need, _percent = setcover_target(problem, target)
    fewest, most = fewest_sites(problem, need - 1e-9 * problem.demand.sum())
    assert answer.status == "optimal" and answer.target_met
    assert answer.objective == fewest == len(answer.chosen)
    # Among the answers with as few sites, the one covering the most need.
    assert coverage(problem, answer.chosen).need_weighted == pytest.approx(most, rel=1e-6)


@pytest.mark.parametrize("seed", SEEDS)
def test_capacitated_maximal_covering_equals_brute_force(seed):
    problem = random_problem(seed, n_cells=12, n_cand=6, capacity=True, threshold_min=11.0)
    assert np.isfinite(problem.capacity).any() and np.isnan(problem.capacity).any()
    for k in (1, 2, 3):
        answer = solve(problem, "mclp", k)
        assert answer.status == "optimal"
        assert answer.objective == pytest.approx(best_mclp(problem, k), rel=1e-7)
