"""A siting problem as plain arrays, and what a chosen set of new sites covers.

Units: times are walking minutes (snap legs included, as :mod:`routing` measures them);
``residents`` are residents per demand cell; ``demand`` is need-weighted residents per cell
(residents x their zone's need percentile 0-1, or plain residents where no need is known);
``capacity`` is the number of **residents** a new site can serve within the threshold (NaN: no
limit), not beds or meals. Cells and candidates are positions 0..n-1; the pairs are a long-form
table (candidate, cell, minutes) such as :func:`routing.cost_table` gives, and may leave out every
pair slower than the largest time a model needs (the threshold; for the p-median, the cell's
current capped time).

Existing sites of the category always stay open: ``existing_min`` is each cell's time to the
nearest one (``inf`` where the category has none). A cell is *covered* when some open site, an
existing or a chosen one, is at most ``threshold_min`` away.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

# The p-median counts a cell farther than this from every open site as this far: beyond an hour's
# walk, more minutes no longer tell planners anything, and "no site at all" must stay finite.
DEFAULT_CAP_MIN = 60.0


def default_cap_min(threshold_min: float) -> float:
    """The p-median's cap in minutes: ``DEFAULT_CAP_MIN``, or the threshold if that is larger."""
    return max(DEFAULT_CAP_MIN, float(threshold_min))


@dataclass(frozen=True, eq=False)
class Coverage:
    """Residents and need-weighted residents covered (within the threshold of an open site)."""

    residents: float
    need_weighted: float


@dataclass(frozen=True, eq=False)
class SitingProblem:
    """Where new sites could go and whom they would reach (see the module docstring for units).

    ``cap_min`` (p-median only) caps each cell's time: a cell beyond it, or without any site,
    counts as ``cap_min`` minutes away; default ``DEFAULT_CAP_MIN`` (60), or the threshold if larger.
    Duplicate (candidate, cell) pairs keep their shortest time.
    """

    demand: np.ndarray
    residents: np.ndarray
    pair_cand: np.ndarray
    pair_cell: np.ndarray
    pair_min: np.ndarray
    existing_min: np.ndarray
    n_candidates: int
    threshold_min: float = 15.0
    capacity: np.ndarray | None = None
    cap_min: float | None = None

    def __post_init__(self):
        f = np.asarray
        demand, residents = f(self.demand, dtype=float), f(self.residents, dtype=float)
        existing = f(self.existing_min, dtype=float)
        n = len(demand)
        if len(residents) != n or len(existing) != n:
            raise ValueError("demand, residents and existing_min need one value per cell")
        if not (np.isfinite(demand).all() and (demand >= 0).all()):
            raise ValueError("demand must be finite and not negative")
        if not (np.isfinite(residents).all() and (residents >= 0).all()):
            raise ValueError("residents must be finite and not negative")
        if np.isnan(existing).any() or (existing < 0).any():
            raise ValueError("existing_min must be minutes >= 0 or inf")
        cand, cell = f(self.pair_cand, dtype=np.int64), f(self.pair_cell, dtype=np.int64)
        minutes = f(self.pair_min, dtype=float)
        if not len(cand) == len(cell) == len(minutes):
            raise ValueError("pair_cand, pair_cell and pair_min must have the same length")
        n_cand = int(self.n_candidates)
        if len(cand) and (cand.min() < 0 or cand.max() >= n_cand):
            raise ValueError("pair_cand holds a candidate outside 0..n_candidates-1")
        if len(cell) and (cell.min() < 0 or cell.max() >= n):
            raise ValueError("pair_cell holds a cell outside 0..n_cells-1")
        if np.isnan(minutes).any() or (minutes < 0).any():
            raise ValueError("pair_min must be minutes >= 0")
        keep = np.isfinite(minutes)
        cand, cell, minutes = cand[keep], cell[keep], minutes[keep]
        order = np.lexsort((minutes, cell, cand))
        cand, cell, minutes = cand[order], cell[order], minutes[order]
        first = np.r_[True, (cand[1:] != cand[:-1]) | (cell[1:] != cell[:-1])]
        capacity = None
        if self.capacity is not None:
            capacity = f(self.capacity, dtype=float)
            if len(capacity) != n_cand:
                raise ValueError("capacity needs one value (or NaN) per candidate")
            if (capacity[np.isfinite(capacity)] < 0).any() or np.isinf(capacity).any():
                raise ValueError("capacity must be residents >= 0, or NaN for no limit")
        if not self.threshold_min > 0:
            raise ValueError("threshold_min must be > 0")
        cap_min = self.cap_min
        cap_min = default_cap_min(self.threshold_min) if cap_min is None else float(cap_min)
        if not cap_min > 0 or not np.isfinite(cap_min):
            raise ValueError("cap_min must be a finite number of minutes > 0")
        for name, value in (
            ("demand", demand),
            ("residents", residents),
            ("existing_min", existing),
            ("pair_cand", cand[first]),
            ("pair_cell", cell[first]),
            ("pair_min", minutes[first]),
            ("n_candidates", n_cand),
            ("threshold_min", float(self.threshold_min)),
            ("capacity", capacity),
            ("cap_min", cap_min),
        ):
            object.__setattr__(self, name, value)

    @property
    def n_cells(self) -> int:
        return len(self.demand)

    @cached_property
    def covered_before(self) -> np.ndarray:
        """Per cell: already within the threshold of an existing site."""
        return self.existing_min <= self.threshold_min

    @cached_property
    def within(self) -> np.ndarray:
        """Per pair: the candidate is within the threshold of the cell."""
        return self.pair_min <= self.threshold_min

    @cached_property
    def reachable(self) -> np.ndarray:
        """Per cell: covered now, or within the threshold of some candidate."""
        out = self.covered_before.copy()
        out[self.pair_cell[self.within]] = True
        return out

    @property
    def capacitated(self) -> bool:
        return self.capacity is not None and bool(np.isfinite(self.capacity).any())

    def limited(self, candidates) -> np.ndarray:
        """Per given candidate: whether it has a capacity (finite) rather than none."""
        if self.capacity is None:
            return np.zeros(len(candidates), dtype=bool)
        return np.isfinite(self.capacity[np.asarray(candidates, dtype=np.int64)])

    @cached_property
    def start_min(self) -> np.ndarray:
        """Per cell: minutes to the nearest existing site, capped at ``cap_min`` (p-median)."""
        return np.minimum(self.existing_min, self.cap_min)

    def unreachable_need_weighted(self) -> float:
        """Need-weighted residents that neither an existing site nor any candidate reaches."""
        return float(self.demand[~self.reachable].sum())

    def cover_matrix(self, cells_mask=None) -> sp.csr_matrix:
        """(candidate x cell) 0/1 matrix of the pairs within the threshold, optionally only
        towards the cells where ``cells_mask`` holds."""
        sel = self.within if cells_mask is None else self.within & cells_mask[self.pair_cell]
        return sp.csr_matrix(
            (np.ones(int(sel.sum())), (self.pair_cand[sel], self.pair_cell[sel])),
            shape=(self.n_candidates, self.n_cells),
        )


def as_chosen(problem: SitingProblem, chosen) -> np.ndarray:
    """The chosen candidates as sorted unique positions (checked)."""
    out = np.unique(np.asarray(chosen, dtype=np.int64))
    if len(out) and (out[0] < 0 or out[-1] >= problem.n_candidates):
        raise ValueError("a chosen candidate is outside 0..n_candidates-1")
    return out


def coverage(problem: SitingProblem, chosen) -> Coverage:
    """Residents and need-weighted residents covered with the existing sites and ``chosen``.

    Without capacities a cell counts whole when any open site is within the threshold. With
    capacities, the cells that neither an existing site nor a chosen site without capacity
    covers are assigned to the chosen capacitated sites within reach so as to cover the most
    need-weighted residents, each site serving at most its capacity in residents; a cell may be
    split between sites or served in part, and counts by the share assigned.
    """
    chosen = as_chosen(problem, chosen)
    covered = problem.covered_before.copy()
    sel = problem.within & np.isin(problem.pair_cand, chosen)
    free = sel & ~problem.limited(problem.pair_cand)
    covered[problem.pair_cell[free]] = True
    residents = float(problem.residents[covered].sum())
    need = float(problem.demand[covered].sum())
    limited = sel & ~covered[problem.pair_cell]
    if limited.any():
        extra = assigned(problem, np.flatnonzero(limited))
        residents, need = residents + extra.residents, need + extra.need_weighted
    return Coverage(residents, need)


def assigned(problem: SitingProblem, pairs: np.ndarray) -> Coverage:
    """The most need-weighted residents capacitated sites can serve over the given ``pairs``
    (positions in the problem's pair arrays): a linear programme, each cell at most once."""
    cand, cell = problem.pair_cand[pairs], problem.pair_cell[pairs]
    cells, row_cell = np.unique(cell, return_inverse=True)
    sites, row_site = np.unique(cand, return_inverse=True)
    n, col = len(pairs), np.arange(len(pairs))
    A = sp.vstack(
        [
            sp.csr_matrix((np.ones(n), (row_cell, col)), shape=(len(cells), n)),
            sp.csr_matrix((problem.residents[cell], (row_site, col)), shape=(len(sites), n)),
        ]
    )
    b = np.r_[np.ones(len(cells)), problem.capacity[sites]]
    res = linprog(-problem.demand[cell], A_ub=A, b_ub=b, bounds=(0, 1), method="highs")
    if res.status != 0:  # pragma: no cover - a bounded, feasible LP (y = 0 always fits)
        raise RuntimeError(f"capacity assignment failed: {res.message}")
    share = np.clip(res.x, 0.0, 1.0)
    return Coverage(float(share @ problem.residents[cell]), float(share @ problem.demand[cell]))


def nearest_after(problem: SitingProblem, chosen) -> np.ndarray:
    """Per cell: minutes to the nearest open site (existing or chosen) among the pairs given
    (``inf`` when none; pairs left out of the problem count as not reachable)."""
    chosen = as_chosen(problem, chosen)
    out = problem.existing_min.copy()
    sel = np.isin(problem.pair_cand, chosen)
    np.minimum.at(out, problem.pair_cell[sel], problem.pair_min[sel])
    return out


def pmedian_cost(problem: SitingProblem, chosen) -> float:
    """The p-median objective: sum over cells of demand x min(nearest open site, ``cap_min``),
    in need-weighted resident-minutes."""
    return float(problem.demand @ np.minimum(nearest_after(problem, chosen), problem.cap_min))


def marginal_coverage(problem: SitingProblem, chosen) -> list[tuple[int, float, float]]:
    """The chosen sites in the order that adds the most need-weighted coverage at each step,
    each with what it adds to the existing sites and to the sites before it:
    ``(candidate, residents_newly_covered, need_weighted_newly_covered)``. The additions sum to
    the coverage of the whole set minus the coverage of the existing sites alone."""
    left = list(as_chosen(problem, chosen))
    taken: list[int] = []
    now = coverage(problem, [])
    out = []
    while left:
        trials = [coverage(problem, taken + [c]) for c in left]
        best = max(range(len(left)), key=lambda i: (trials[i].need_weighted, -left[i]))
        site, after = left.pop(best), trials[best]
        out.append(
            (int(site), after.residents - now.residents, after.need_weighted - now.need_weighted)
        )
        taken.append(site)
        now = after
    return out
