"""Greedy siting: add, one at a time, the candidate that gains the most; an instant preview of
the optimum and the fallback when the solver finds nothing in its time limit.

Inputs and units as in :mod:`siting_problem`. Each function returns the chosen candidate
positions in the order they were added; a candidate that would gain nothing is never added, so
fewer than ``k`` sites come back when more would not help. Ties go to the lower position.
"""

from __future__ import annotations

import heapq
import time

import numpy as np

from geoplan.analysis.siting_problem import SitingProblem


def greedy_mclp(problem: SitingProblem, k: int) -> np.ndarray:
    """Up to ``k`` sites, each covering the most need-weighted residents not covered yet."""
    return _greedy_cover(problem, k, target_need=np.inf)


def greedy_setcover(problem: SitingProblem, target_need: float, k: int | None = None) -> np.ndarray:
    """Sites added by largest gain until ``target_need`` need-weighted residents (existing sites
    included) are covered, at most ``k`` of them, or until no candidate gains anything."""
    return _greedy_cover(problem, problem.n_candidates if k is None else k, target_need)


def greedy_pmedian(problem: SitingProblem, k: int) -> np.ndarray:
    """Up to ``k`` sites, each lowering the most the need-weighted resident-minutes (capped
    times, see :func:`siting_problem.pmedian_cost`)."""
    cur = problem.start_min.copy()
    cand, cell, minutes = problem.pair_cand, problem.pair_cell, problem.pair_min
    useful = (minutes < cur[cell]) & (problem.demand[cell] > 0)
    cand, cell, minutes = cand[useful], cell[useful], minutes[useful]
    chosen: list[int] = []
    for _ in range(min(k, problem.n_candidates)):
        saving = problem.demand[cell] * np.maximum(cur[cell] - minutes, 0.0)
        gain = np.bincount(cand, weights=saving, minlength=problem.n_candidates)
        gain[chosen] = 0.0
        best = int(np.argmax(gain))
        if gain[best] <= 0:
            break
        chosen.append(best)
        mine = cand == best
        np.minimum.at(cur, cell[mine], minutes[mine])
    return np.array(chosen, dtype=np.int64)


def _greedy_cover(problem: SitingProblem, k: int, target_need: float) -> np.ndarray:
    need_now = float(problem.demand[problem.covered_before].sum())
    if problem.capacitated:
        return _greedy_capacitated(problem, k, target_need, need_now)
    # Cells already covered gain nothing: only pairs towards open cells with need count.
    open_cells = ~problem.covered_before & (problem.demand > 0)
    M = problem.cover_matrix(open_cells)
    left = np.where(open_cells, problem.demand, 0.0)
    chosen: list[int] = []
    while len(chosen) < k and need_now < target_need:
        gain = M @ left
        gain[chosen] = 0.0
        best = int(np.argmax(gain)) if len(gain) else 0
        if not len(gain) or gain[best] <= 0:
            break
        chosen.append(best)
        need_now += gain[best]
        left[M[best].indices] = 0.0
    return np.array(chosen, dtype=np.int64)


def _greedy_capacitated(problem, k, target_need, need_now) -> np.ndarray:
    """Each site, once chosen, serves the cells within reach that bring the most need per
    resident first, up to its capacity (a fractional knapsack); the residual share of each cell
    then lowers the other sites' gains. A site's gain only falls as sites are added, so gains are
    re-evaluated lazily (only the top of a heap)."""
    open_cells = ~problem.covered_before & (problem.demand > 0)
    sel = problem.within & open_cells[problem.pair_cell]
    order = np.argsort(problem.pair_cand[sel], kind="stable")
    cand, cell = problem.pair_cand[sel][order], problem.pair_cell[sel][order]
    starts = np.searchsorted(cand, np.arange(problem.n_candidates + 1))
    share = open_cells.astype(float)  # residual share of each cell not yet served
    cap = np.full(problem.n_candidates, np.nan) if problem.capacity is None else problem.capacity
    # Need per resident, best first; cells with need but no residents cost no capacity.
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(problem.residents > 0, problem.demand / problem.residents, np.inf)

    def fill(j: int):
        cells = cell[starts[j] : starts[j + 1]]
        cells = cells[share[cells] > 0]
        value, size = problem.demand[cells] * share[cells], problem.residents[cells] * share[cells]
        if not np.isfinite(cap[j]):
            return float(value.sum()), cells, np.ones(len(cells))
        cells, value, size = (
            a[np.argsort(-ratio[cells], kind="stable")] for a in (cells, value, size)
        )
        before = np.r_[0.0, np.cumsum(size)[:-1]]
        part = np.clip((cap[j] - before) / np.where(size > 0, size, 1.0), 0.0, 1.0)
        part[size == 0] = 1.0
        return float(value @ part), cells, part

    heap = [(-fill(j)[0], j) for j in range(problem.n_candidates)]
    heapq.heapify(heap)
    chosen: list[int] = []
    while heap and len(chosen) < k and need_now < target_need:
        _, j = heapq.heappop(heap)
        gain, cells, part = fill(j)
        if heap and gain < -heap[0][0] - 1e-12:
            heapq.heappush(heap, (-gain, j))
            continue
        if gain <= 0:
            break
        chosen.append(j)
        need_now += gain
        share[cells] *= 1.0 - part
    return np.array(chosen, dtype=np.int64)


def swap_pmedian(problem: SitingProblem, chosen, time_limit_s: float = 1.0) -> np.ndarray:
    """Improve a p-median opening by substitution: each open site in turn is closed and the
    best candidate given the others opened instead, kept when the resident-minutes fall; until
    a whole round changes nothing or ``time_limit_s`` seconds have passed."""
    start = time.perf_counter()
    cur0 = problem.start_min
    useful = (problem.pair_min < cur0[problem.pair_cell]) & (problem.demand[problem.pair_cell] > 0)
    cand, cell, minutes = (
        a[useful] for a in (problem.pair_cand, problem.pair_cell, problem.pair_min)
    )
    weight = problem.demand[cell]
    chosen = [int(c) for c in chosen]

    def without(rest):
        cur = cur0.copy()
        mine = np.isin(cand, rest)
        np.minimum.at(cur, cell[mine], minutes[mine])
        return cur

    cost = float(problem.demand @ without(chosen))
    changed = True
    while changed and time.perf_counter() - start < time_limit_s:
        changed = False
        for site in list(chosen):
            rest = [c for c in chosen if c != site]
            cur = without(rest)
            gain = np.bincount(
                cand,
                weights=weight * np.maximum(cur[cell] - minutes, 0.0),
                minlength=problem.n_candidates,
            )
            gain[rest] = -np.inf
            best = int(np.argmax(gain))
            new_cost = float(problem.demand @ cur) - gain[best]
            if best != site and new_cost < cost - 1e-9 * abs(cost):
                chosen, cost, changed = rest + [best], new_cost, True
    return np.array(chosen, dtype=np.int64)
