"""A Lagrangian bound for the p-median, and the candidates it proves useless (Beasley, "Lagrangean
heuristics for location problems", 1993).

With cells' savings ``a_ij = d_i (t_ij - c_i) < 0`` over the pairs faster than each cell's current
capped time ``c_i`` (need-weighted resident-minutes), the p-median is
``min sum_i d_i c_i + sum_ij a_ij y_ij`` with ``sum_j y_ij <= 1``, ``y_ij <= x_j``, ``sum_j x_j <= k``.
Relaxing each cell's ``sum_j y_ij <= 1`` with a multiplier ``l_i >= 0`` leaves, per candidate,
``r_j = sum_i min(0, a_ij + l_i)``: the relaxed optimum opens the (up to) k most negative, and
``L(l) = sum_i d_i c_i - sum_i l_i + sum_{open} r_j`` is a lower bound on the optimum for every
``l``. Subgradient steps raise it. Opening a candidate j outside the relaxed answer costs at least
``L + r_j - r_(k)`` (it replaces the least useful one), so when that exceeds the cost of a known
answer, no optimal answer opens j and it leaves the model (with its pairs). Each relaxed answer is
a real opening too: the best one found is kept.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from geoplan.analysis.siting_problem import SitingProblem, pmedian_cost

_ITERATIONS = 400
_STALL = 25  # iterations without a better bound before the step is halved


@dataclass(frozen=True, eq=False)
class Reduction:
    """``keep``: per candidate, not proven useless; ``bound``: a lower bound on the optimum
    (need-weighted resident-minutes); ``best``/``best_cost``: the best opening seen."""

    keep: np.ndarray
    bound: float
    best: np.ndarray
    best_cost: float


def reduce_pmedian(
    problem: SitingProblem, k: int, known: np.ndarray, time_limit_s: float = 2.0, rel_gap=1e-7
) -> Reduction:
    """The bound, the useless candidates and the best opening, from ``known`` (an opening of
    at most ``k`` candidates, e.g. the greedy one), within ``time_limit_s`` seconds."""
    t0 = time.perf_counter()
    cur = problem.start_min
    n = problem.n_candidates
    sel = (problem.pair_min < cur[problem.pair_cell]) & (problem.demand[problem.pair_cell] > 0)
    cand, cell = problem.pair_cand[sel], problem.pair_cell[sel]
    saving = problem.demand[cell] * (problem.pair_min[sel] - cur[cell])
    const = float(problem.demand @ cur)
    best = np.asarray(known, dtype=np.int64)
    best_cost = pmedian_cost(problem, best)
    keep = np.ones(n, dtype=bool)
    if len(saving) == 0:
        return Reduction(keep, best_cost, best, best_cost)
    # Start where every cell's multiplier equals its largest saving: the bound of opening all.
    lam = np.zeros(problem.n_cells)
    np.maximum.at(lam, cell, -saving)
    bound, step, stall = -np.inf, 1.0, 0
    for _ in range(_ITERATIONS):
        reduced = np.minimum(saving + lam[cell], 0.0)
        rho = np.bincount(cand, weights=reduced, minlength=n)
        opened = np.argsort(rho, kind="stable")[:k]
        opened = opened[rho[opened] < 0]
        value = const - lam.sum() + rho[opened].sum()
        if value > bound + 1e-12 * abs(value):
            bound, stall = value, 0
        else:
            stall += 1
            if stall >= _STALL:
                step, stall = step / 2, 0
        cost = pmedian_cost(problem, opened)
        if cost < best_cost:
            best, best_cost = opened, cost
        # Forcing j open swaps out the least useful opened candidate (none if fewer than k).
        worst = rho[opened].max() if len(opened) == k else 0.0
        floor = value + rho - worst
        floor[opened] = value
        keep &= floor <= best_cost + rel_gap * abs(best_cost)
        gap = best_cost - bound
        if gap <= rel_gap * abs(best_cost) or step < 1e-4:
            break
        if time.perf_counter() - t0 > time_limit_s:
            break
        assigned = np.isin(cand, opened) & (reduced < 0)
        grad = np.bincount(cell[assigned], minlength=problem.n_cells) - 1.0
        grad[lam <= 0] = np.maximum(grad[lam <= 0], 0.0)
        norm = float(grad @ grad)
        if norm == 0:
            break
        lam = np.maximum(lam + step * (best_cost - value) / norm * grad, 0.0)
    keep[best] = True
    return Reduction(keep, bound, best, best_cost)
