"""The siting models as sparse mixed-integer programmes for ``scipy.optimize.milp`` (HiGHS).

Variables: ``x_j`` (binary) opens candidate j; the rest are continuous in [0, 1]. Every model
minimises, so maximising coverage minimises minus the covered need. Only what can change the
answer enters a model: cells already covered by an existing site, cells without need, and
candidates that reach no such cell are left out (they cannot gain anything).

- Coverage block (maximal covering, set cover). Without capacities, cells reached by the same
  set of candidates are merged into one row ``z_g <= sum_{j in N_g} x_j`` weighted by their summed
  need (their z is equal at any optimum), and a candidate whose covered cells are a subset of
  another's is dropped (swapping it for the larger one never loses coverage). With capacities,
  assignment variables ``y_ij`` for each pair within the threshold:
  ``sum_j y_ij <= 1``, ``y_ij <= x_j``, ``sum_i residents_i y_ij <= cap_j x_j``.
- p-median: ``y_ij`` only where candidate j would be faster than cell i's current capped time
  ``c_i``: ``sum_j y_ij <= 1``, ``y_ij <= x_j``; cost ``sum_i d_i c_i + sum_ij d_i (t_ij - c_i) y_ij``
  (a cell left unassigned stays with its current time).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from geoplan.analysis.siting_problem import SitingProblem

# HiGHS stops at this relative gap: tight enough that "optimal" means proven to rounding.
MIP_REL_GAP = 1e-7


@dataclass(frozen=True, eq=False)
class Milp:
    """One model ready for ``milp``: the objective is ``c @ v + offset`` over ``v = [x, rest]``."""

    cand: np.ndarray  # problem positions of the x variables
    c: np.ndarray
    A: sp.csr_matrix
    lb: np.ndarray
    ub: np.ndarray
    offset: float = 0.0


@dataclass(frozen=True, eq=False)
class MilpOutcome:
    """What HiGHS returned: chosen candidates (None without a feasible answer), the objective of
    the model and its proven lower bound (both with the offset, ``None`` when unknown), its
    status code (0 optimal, 1 time limit, 2 infeasible, ...), and the seconds it took."""

    chosen: np.ndarray | None
    value: float | None
    bound: float | None
    code: int
    seconds: float


def cover_block(problem: SitingProblem):
    """(candidates, constraint rows over [x, cover vars], their bounds, need per cover var)."""
    open_cells = ~problem.covered_before & (problem.demand > 0)
    sel = problem.within & open_cells[problem.pair_cell]
    cand = np.unique(problem.pair_cand[sel])
    if problem.capacitated:
        return _assignment_block(problem, sel, cand)
    M = problem.cover_matrix(open_cells)[cand].tocsc()  # candidate x cell
    cand, M = _undominated(cand, M)
    keys: dict[bytes, int] = {}
    group = np.full(problem.n_cells, -1)
    for i in np.flatnonzero(np.diff(M.indptr) > 0):
        rows = M.indices[M.indptr[i] : M.indptr[i + 1]]
        group[i] = keys.setdefault(np.sort(rows).tobytes(), len(keys))
    members = group >= 0
    g = len(keys)
    weight = np.bincount(group[members], weights=problem.demand[members], minlength=g)
    # z_g - sum_{j in N_g} x_j <= 0: one row per group, from any of its cells.
    rep = np.zeros(g, dtype=np.int64)
    rep[group[members]] = np.flatnonzero(members)
    Mt = M[:, rep].T.tocsr()
    A = sp.hstack([-Mt, sp.identity(g, format="csr")]).tocsr()
    return cand, A, np.full(g, -np.inf), np.zeros(g), weight


def _undominated(cand: np.ndarray, M: sp.csc_matrix):
    """Drop candidates whose covered cells all lie in another one's (keep the first of equals)."""
    R = M.tocsr()
    size = np.diff(R.indptr)
    overlap = (R @ R.T).tocoo()
    same = overlap.data == size[overlap.row]  # row's cells all lie in col's
    r, c = overlap.row[same], overlap.col[same]
    beaten = (size[c] > size[r]) | ((size[c] == size[r]) & (c < r))
    drop = np.zeros(len(cand), dtype=bool)
    drop[r[beaten & (r != c)]] = True
    keep = ~drop
    return cand[keep], R[keep].tocsc()


def _assignment_block(problem: SitingProblem, sel: np.ndarray, cand: np.ndarray):
    pcand, pcell = problem.pair_cand[sel], problem.pair_cell[sel]
    local = np.searchsorted(cand, pcand)
    cells, row_cell = np.unique(pcell, return_inverse=True)
    n, p, m = len(cand), len(pcand), len(cells)
    col = np.arange(p)
    one_cell = sp.hstack(
        [sp.csr_matrix((m, n)), sp.csr_matrix((np.ones(p), (row_cell, col)), shape=(m, p))]
    )
    open_only = sp.hstack(
        [
            sp.csr_matrix((-np.ones(p), (col, local)), shape=(p, n)),
            sp.identity(p, format="csr"),
        ]
    )
    limited = np.flatnonzero(problem.limited(cand))
    li = np.searchsorted(limited, local)
    has = np.isin(local, limited)
    capacity = sp.hstack(
        [
            sp.csr_matrix(
                (-problem.capacity[cand[limited]], (np.arange(len(limited)), limited)),
                shape=(len(limited), n),
            ),
            sp.csr_matrix(
                (problem.residents[pcell[has]], (li[has], col[has])), shape=(len(limited), p)
            ),
        ]
    )
    A = sp.vstack([one_cell, open_only, capacity]).tocsr()
    rows = A.shape[0]
    ub = np.r_[np.ones(m), np.zeros(rows - m)]
    return cand, A, np.full(rows, -np.inf), ub, problem.demand[pcell]


def build_mclp(problem: SitingProblem, k: int) -> Milp:
    """Maximal covering: at most ``k`` sites, most need-weighted residents newly covered.
    The objective (minimised) is minus the need-weighted residents covered, existing ones
    included."""
    cand, A, lb, ub, weight = cover_block(problem)
    n = len(cand)
    budget = sp.csr_matrix(np.r_[np.ones(n), np.zeros(len(weight))])
    before = float(problem.demand[problem.covered_before].sum())
    return Milp(
        cand,
        np.r_[np.zeros(n), -weight],
        sp.vstack([A, budget]).tocsr(),
        np.r_[lb, -np.inf],
        np.r_[ub, k],
        offset=-before,
    )


def build_setcover(problem: SitingProblem, target_need: float, k: int | None) -> Milp:
    """Fewest sites (at most ``k`` if given) covering ``target_need`` need-weighted residents,
    existing sites included. The objective is the number of sites alone: which of the answers
    with as few sites covers the most is a maximal covering with that many (see siting.solve)."""
    cand, A, lb, ub, weight = cover_block(problem)
    n = len(cand)
    before = float(problem.demand[problem.covered_before].sum())
    rows = [A, sp.csr_matrix(np.r_[np.zeros(n), weight])]
    lbs, ubs = [lb, [target_need - before]], [ub, [np.inf]]
    if k is not None:
        rows.append(sp.csr_matrix(np.r_[np.ones(n), np.zeros(len(weight))]))
        lbs.append([-np.inf])
        ubs.append([k])
    return Milp(
        cand,
        np.r_[np.ones(n), np.zeros(len(weight))],
        sp.vstack(rows).tocsr(),
        np.concatenate(lbs),
        np.concatenate(ubs),
    )


def build_pmedian(problem: SitingProblem, k: int, allowed: np.ndarray | None = None) -> Milp:
    """p-median with existing sites and a cap: at most ``k`` sites, least need-weighted
    resident-minutes (see the module docstring); only the ``allowed`` candidates (a mask, e.g.
    those a Lagrangian bound did not rule out) enter the model."""
    start = problem.start_min
    sel = (problem.pair_min < start[problem.pair_cell]) & (problem.demand[problem.pair_cell] > 0)
    if allowed is not None:
        sel &= allowed[problem.pair_cand]
    pcand, pcell, pmin = problem.pair_cand[sel], problem.pair_cell[sel], problem.pair_min[sel]
    cand = np.unique(pcand)
    local = np.searchsorted(cand, pcand)
    cells, row_cell = np.unique(pcell, return_inverse=True)
    n, p, m = len(cand), len(pcand), len(cells)
    col = np.arange(p)
    A = sp.vstack(
        [
            sp.hstack(
                [sp.csr_matrix((m, n)), sp.csr_matrix((np.ones(p), (row_cell, col)), shape=(m, p))]
            ),
            sp.hstack(
                [
                    sp.csr_matrix((-np.ones(p), (col, local)), shape=(p, n)),
                    sp.identity(p, format="csr"),
                ]
            ),
            sp.csr_matrix(np.r_[np.ones(n), np.zeros(p)]),
        ]
    ).tocsr()
    saving = problem.demand[pcell] * (pmin - start[pcell])
    return Milp(
        cand,
        np.r_[np.zeros(n), saving],
        A,
        np.full(m + p + 1, -np.inf),
        np.r_[np.ones(m), np.zeros(p), k],
        offset=float(problem.demand @ start),
    )


def run(model: Milp, time_limit_s: float) -> MilpOutcome:
    """Solve ``model`` with HiGHS within ``time_limit_s`` seconds."""
    start = time.perf_counter()
    n, total = len(model.cand), len(model.c)
    if n == 0:
        return MilpOutcome(np.zeros(0, np.int64), model.offset, model.offset, 0, 0.0)
    res = milp(
        model.c,
        integrality=np.r_[np.ones(n), np.zeros(total - n)],
        bounds=Bounds(np.zeros(total), np.ones(total)),
        constraints=LinearConstraint(model.A, model.lb, model.ub),
        options={"time_limit": max(float(time_limit_s), 1e-3), "mip_rel_gap": MIP_REL_GAP},
    )
    seconds = time.perf_counter() - start
    chosen = None if res.x is None else model.cand[np.flatnonzero(res.x[:n] > 0.5)]
    value = None if res.fun is None else float(res.fun) + model.offset
    bound = getattr(res, "mip_dual_bound", None)
    bound = None if bound is None or not np.isfinite(bound) else float(bound) + model.offset
    return MilpOutcome(chosen, value, bound, int(res.status), seconds)
