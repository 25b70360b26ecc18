"""Small seeded siting problems for the siting tests, and their answers by brute force.

Cells, candidates and existing sites are random points in a 30 x 30 square whose straight
distances are the walking minutes: small enough that every subset of candidates can be tried.
"""

from __future__ import annotations

import itertools

import numpy as np

from geoplan.analysis.siting import SitingProblem, coverage, pmedian_cost


def random_problem(
    seed: int,
    n_cells: int = 14,
    n_cand: int = 7,
    n_existing: int = 1,
    capacity: bool = False,
    threshold_min: float = 9.0,
    cap_min: float = 25.0,
) -> SitingProblem:
    """A seeded problem; with ``capacity`` about half the candidates get 40-250 residents."""
    rng = np.random.default_rng(seed)
    cells = rng.uniform(0, 30, (n_cells, 2))
    cands = rng.uniform(0, 30, (n_cand, 2))
    minutes = np.linalg.norm(cands[:, None, :] - cells[None, :, :], axis=2)
    existing = np.full(n_cells, np.inf)
    if n_existing:
        sites = rng.uniform(0, 30, (n_existing, 2))
        existing = np.linalg.norm(sites[:, None, :] - cells[None, :, :], axis=2).min(axis=0)
    residents = rng.integers(0, 120, n_cells).astype(float)
    demand = residents * rng.uniform(0, 1, n_cells)
    cap = None
    if capacity:
        cap = np.where(rng.uniform(size=n_cand) < 0.5, rng.uniform(40, 250, n_cand), np.nan)
    cand, cell = np.nonzero(np.isfinite(minutes))
    return SitingProblem(
        demand,
        residents,
        cand,
        cell,
        minutes[cand, cell],
        existing,
        n_cand,
        threshold_min=threshold_min,
        capacity=cap,
        cap_min=cap_min,
    )


def spread_problem(seed: int, n_cells: int, n_cand: int) -> SitingProblem:
    """Cells and candidates spread over a 100 x 100 square, 10 minutes' reach and pairs up to 25:
    too large to prove quickly, and a few sites cover a small share of the need."""
    rng = np.random.default_rng(seed)
    cells = rng.uniform(0, 100, (n_cells, 2))
    cands = rng.uniform(0, 100, (n_cand, 2))
    minutes = np.linalg.norm(cands[:, None, :] - cells[None, :, :], axis=2)
    cand, cell = np.nonzero(minutes <= 25)
    residents = rng.integers(1, 100, n_cells).astype(float)
    return SitingProblem(
        residents * rng.uniform(size=n_cells),
        residents,
        cand,
        cell,
        minutes[cand, cell],
        np.full(n_cells, np.inf),
        n_cand,
        threshold_min=10.0,
        cap_min=25.0,
    )


def subsets(problem: SitingProblem, k: int):
    return itertools.combinations(range(problem.n_candidates), k)


def best_mclp(problem: SitingProblem, k: int) -> float:
    return max(coverage(problem, s).need_weighted for s in subsets(problem, k))


def best_pmedian(problem: SitingProblem, k: int) -> float:
    return min(pmedian_cost(problem, s) for s in subsets(problem, k))


def fewest_sites(problem: SitingProblem, target_need: float) -> tuple[int, float]:
    """(fewest sites covering ``target_need``, the most need-weighted coverage with that many)."""
    for k in range(problem.n_candidates + 1):
        needs = [coverage(problem, s).need_weighted for s in subsets(problem, k)]
        reaching = [n for n in needs if n >= target_need - 1e-9]
        if reaching:
            return k, max(reaching)
    raise AssertionError("the target is beyond every candidate")
