"""The same answers as spopt's MCLP, PMedian and LSCP on one cost matrix (spopt is a dev-only
reference: the product solves with scipy's HiGHS)."""

import numpy as np
import pytest

from geoplan.analysis.siting import SitingProblem, solve

spopt_locate = pytest.importorskip("spopt.locate")
# PuLP 3.3 warns about its own 4.0 API on every variable spopt creates.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
pulp = pytest.importorskip("pulp")


def instance(seed):
    rng = np.random.default_rng(seed)
    cells = rng.uniform(0, 20, (15, 2))
    cands = rng.uniform(0, 20, (8, 2))
    cost = np.linalg.norm(cells[:, None, :] - cands[None, :, :], axis=2)  # cell x candidate
    weights = rng.integers(1, 50, 15).astype(float)
    cell, cand = np.nonzero(np.isfinite(cost))
    problem = SitingProblem(
        weights,
        weights,
        cand,
        cell,
        cost[cell, cand],
        np.full(15, np.inf),
        8,
        threshold_min=7.0,
        cap_min=cost.max() + 1.0,  # no cap: every cell walks to its nearest chosen site
    )
    return cost, weights, problem


def solver():
    return pulp.PULP_CBC_CMD(msg=False)


@pytest.mark.parametrize("seed", range(3))
def test_maximal_covering_matches_spopt(seed):
    cost, weights, problem = instance(seed)
    reference = spopt_locate.MCLP.from_cost_matrix(cost, weights, 7.0, p_facilities=3).solve(
        solver()
    )
    ours = solve(problem, "mclp", 3)
    assert ours.objective == pytest.approx(pulp.value(reference.problem.objective))


@pytest.mark.parametrize("seed", range(3))
def test_p_median_matches_spopt(seed):
    cost, weights, problem = instance(seed)
    reference = spopt_locate.PMedian.from_cost_matrix(cost, weights, p_facilities=3).solve(solver())
    ours = solve(problem, "pmedian", 3)
    assert ours.objective == pytest.approx(pulp.value(reference.problem.objective))


@pytest.mark.parametrize("seed", range(3))
def test_set_cover_matches_spopt(seed):
    cost, weights, problem = instance(seed)
    reachable = (cost <= 7.0).any(axis=1)
    # LSCP must cover every cell: keep only the cells some candidate reaches.
    reference = spopt_locate.LSCP.from_cost_matrix(cost[reachable], 7.0).solve(solver())
    ours = solve(problem, "setcover", None, coverage_target=100.0)
    assert ours.target_met
    assert ours.objective == pytest.approx(pulp.value(reference.problem.objective))
