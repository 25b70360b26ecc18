"""Optimal siting: where should K new sites of one category go so that the most need is within a
walk (maximal covering), the walk is shortest (p-median), or a share of the need is reached with
the fewest sites (set cover)?

Existing sites of the category stay open. Inputs are plain arrays gathered in a
:class:`~geoplan.analysis.siting_problem.SitingProblem` (units there: minutes, residents,
need-weighted residents, capacity in residents served). Each model is solved exactly with
``scipy.optimize.milp`` (HiGHS, formulations in :mod:`siting_models`) within a time limit, and
greedily (:mod:`siting_greedy`) as an instant preview and a fallback. The p-median first narrows
its candidates with a Lagrangian bound (:mod:`siting_lagrange`), which is exact.

Objectives as reported: ``mclp`` the need-weighted residents covered (existing sites included);
``pmedian`` the need-weighted resident-minutes (times capped at ``cap_min``); ``setcover`` the
number of new sites. ``gap`` is the relative distance between the objective and the solver's
proven bound (0 when proven optimal, ``None`` when no bound is known).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from geoplan.analysis import siting_greedy, siting_lagrange, siting_models
from geoplan.analysis.siting_problem import (
    Coverage,
    SitingProblem,
    as_chosen,
    coverage,
    default_cap_min,
    marginal_coverage,
    nearest_after,
    pmedian_cost,
)

__all__ = [
    "MODELS",
    "Coverage",
    "SitingAnswer",
    "SitingProblem",
    "coverage",
    "default_cap_min",
    "greedy",
    "marginal_coverage",
    "nearest_after",
    "objective_of",
    "pmedian_cost",
    "setcover_target",
    "solve",
]

MODELS = ("mclp", "pmedian", "setcover")
# Set cover whose target no k sites reach: the k sites covering the most, proven the best k
# (TARGET_NOT_MET) or the best found before the time ran out (TARGET_NOT_MET_TIME_LIMIT).
TARGET_NOT_MET = "target_not_met"
TARGET_NOT_MET_TIME_LIMIT = "target_not_met_time_limit"
# Relative slack on need-weighted targets and comparisons: sums of floats in another order.
TOL = 1e-9


@dataclass(frozen=True, eq=False)
class SitingAnswer:
    """One answer. ``chosen``: candidate positions; ``status``: "optimal", "time_limit" (a
    feasible answer when the time ran out, see ``gap``), "greedy_fallback" (the solver found
    nothing feasible in time: the greedy answer) or "greedy" (asked for the greedy answer);
    set cover whose target no k sites can reach: "target_not_met" (the k sites covering the
    most, proven) or "target_not_met_time_limit" (the best k found in the time left).
    For set cover, ``coverage_target`` is the percent of all need-weighted residents aimed at
    (cut to what is reachable) and ``target_met`` whether the sites reach it."""

    model: str
    chosen: np.ndarray
    objective: float
    status: str
    gap: float | None
    bound: float | None
    seconds: float
    coverage_target: float | None = None
    target_met: bool | None = None


def objective_of(problem: SitingProblem, model: str, chosen) -> float:
    """The reported objective of ``chosen`` under ``model`` (see the module docstring)."""
    if model == "pmedian":
        return pmedian_cost(problem, chosen)
    if model == "setcover":
        return float(len(as_chosen(problem, chosen)))
    return coverage(problem, chosen).need_weighted


def setcover_target(problem: SitingProblem, coverage_target: float) -> tuple[float, float]:
    """(need-weighted residents to cover, the percent that is of all): ``coverage_target``
    percent of all need-weighted residents, cut to what existing sites and every candidate
    together can cover."""
    if not 0 <= coverage_target <= 100:
        raise ValueError("coverage_target must be a percent between 0 and 100")
    total = float(problem.demand.sum())
    reach = coverage(problem, np.arange(problem.n_candidates)).need_weighted
    target = min(total * coverage_target / 100.0, reach)
    return target, (100.0 * target / total if total > 0 else 100.0)


def _check(problem: SitingProblem, model: str, k: int | None) -> int | None:
    if model not in MODELS:
        raise ValueError(f"model must be one of {', '.join(MODELS)}")
    if k is None:
        if model != "setcover":
            raise ValueError("k (the number of new sites) is required for this model")
        return None
    if int(k) != k or k < 1:
        raise ValueError("k must be a whole number >= 1")
    return min(int(k), problem.n_candidates)


def greedy(problem: SitingProblem, model="mclp", k=5, coverage_target=90.0) -> SitingAnswer:
    """The greedy answer of ``model`` (chosen in the order added; see :mod:`siting_greedy`)."""
    start = time.perf_counter()
    k = _check(problem, model, k)
    target = target_pct = None
    if model == "mclp":
        chosen = siting_greedy.greedy_mclp(problem, k)
    elif model == "pmedian":
        chosen = siting_greedy.greedy_pmedian(problem, k)
    else:
        target, target_pct = setcover_target(problem, coverage_target)
        chosen = siting_greedy.greedy_setcover(problem, _slack(problem, target), k)
    return _answer(problem, model, chosen, "greedy", None, None, start, target, target_pct)


def solve(
    problem: SitingProblem,
    model: str = "mclp",
    k: int | None = 5,
    coverage_target: float = 90.0,
    time_limit_s: float = 10.0,
    greedy_answer: SitingAnswer | None = None,
) -> SitingAnswer:
    """The optimal answer of ``model`` proven within ``time_limit_s`` seconds, else the best
    feasible one found (the solver's or the greedy's, with the gap to the proven bound), else the
    greedy answer. ``k``: sites to open (set cover: at most, or None). Sites whose removal would
    not change the objective are left out, so fewer than ``k`` may come back. Set cover: the
    fewest sites first, then, in the time left, the most need-weighted coverage with as many
    (the status and gap are those of the number of sites); when no k sites reach the target,
    the k sites covering the most, found in the time left (status "target_not_met...")."""
    start = time.perf_counter()
    k = _check(problem, model, k)
    if greedy_answer is None:
        greedy_answer = greedy(problem, model, k, coverage_target)
    target = target_pct = None
    if model == "mclp":
        built = siting_models.build_mclp(problem, k)
    elif model == "pmedian":
        return _solve_pmedian(problem, k, time_limit_s, greedy_answer, start)
    else:
        target, target_pct = setcover_target(problem, coverage_target)
        built = siting_models.build_setcover(problem, _slack(problem, target), k)
    out = siting_models.run(built, max(time_limit_s - (time.perf_counter() - start), 0.0))
    if model == "setcover" and out.code == 2:
        # Not reachable with at most k sites: the k sites that cover the most instead, in what
        # is left of the one time limit (proving the target out of reach spent the rest).
        left_s = max(time_limit_s - (time.perf_counter() - start), 0.0)
        best = solve(problem, "mclp", k, time_limit_s=left_s)
        status = TARGET_NOT_MET if best.status == "optimal" else TARGET_NOT_MET_TIME_LIMIT
        return _answer(problem, model, best.chosen, status, None, None, start, target, target_pct)
    bound = _reported_bound(problem, model, out.bound)
    if out.chosen is None:
        status, chosen = "greedy_fallback", greedy_answer.chosen
    else:
        status = "optimal" if out.code == 0 else "time_limit"
        chosen = _prune(problem, model, out.chosen)
        if status != "optimal" and _better(problem, model, greedy_answer.chosen, chosen, target):
            chosen = greedy_answer.chosen
    if model == "setcover" and len(chosen):
        chosen = _most_with(problem, chosen, target, time_limit_s - (time.perf_counter() - start))
    return _answer(problem, model, chosen, status, bound, None, start, target, target_pct)


def _solve_pmedian(problem, k, time_limit_s, greedy_answer, start) -> SitingAnswer:
    """The greedy opening improved by substitution, then the Lagrangian bound (a fifth of the
    time at most): it may prove the best opening seen optimal, and it rules out the candidates
    no optimal opening can hold; the solver then works on the rest."""
    known = siting_greedy.swap_pmedian(problem, greedy_answer.chosen, time_limit_s / 10)
    reduction = siting_lagrange.reduce_pmedian(
        problem, k, known, time_limit_s / 5, siting_models.MIP_REL_GAP
    )
    best = reduction.best
    if reduction.best_cost - reduction.bound <= siting_models.MIP_REL_GAP * reduction.best_cost:
        return _answer(problem, "pmedian", best, "optimal", None, None, start, None, None)
    built = siting_models.build_pmedian(problem, k, allowed=reduction.keep)
    out = siting_models.run(built, max(time_limit_s - (time.perf_counter() - start), 0.0))
    bound = _reported_bound(problem, "pmedian", out.bound)
    bound = max(bound, reduction.bound)
    if out.chosen is None:
        greedy_cost = pmedian_cost(problem, greedy_answer.chosen)
        status = "greedy_fallback" if reduction.best_cost >= greedy_cost else "time_limit"
        return _answer(problem, "pmedian", best, status, bound, None, start, None, None)
    status = "optimal" if out.code == 0 else "time_limit"
    chosen = _prune(problem, "pmedian", out.chosen)
    if status != "optimal" and _better(problem, "pmedian", best, chosen, None):
        chosen = best
    return _answer(problem, "pmedian", chosen, status, bound, None, start, None, None)


def _most_with(problem: SitingProblem, chosen, target: float, time_left_s: float) -> np.ndarray:
    """Among the answers with as many sites as ``chosen``, the one covering the most: a maximal
    covering with that many sites (it reaches the target, since ``chosen`` does). Kept only when
    it is at least as good, so a time limit never makes the answer worse."""
    if time_left_s <= 0:
        return chosen
    best = solve(problem, "mclp", len(chosen), time_limit_s=time_left_s)
    if _better(problem, "setcover", best.chosen, chosen, target):
        return best.chosen
    return chosen


def _slack(problem: SitingProblem, target: float) -> float:
    return target - TOL * max(float(problem.demand.sum()), 1.0)


def _reported_bound(problem: SitingProblem, model: str, bound: float | None) -> float | None:
    """The solver's bound in the reported objective's terms, never weaker than the plain bound
    of opening every candidate (HiGHS stopped early may hold only a trivial one)."""
    every = np.arange(problem.n_candidates)
    if model == "mclp":
        reach = coverage(problem, every).need_weighted
        return reach if bound is None else min(-bound, reach)  # the model minimises -coverage
    if model == "pmedian":
        floor = pmedian_cost(problem, every)
        return floor if bound is None else max(bound, floor)
    if bound is None:
        return None
    return float(max(math.ceil(bound - 1e-6), 0))  # a whole number of sites


def _key(problem: SitingProblem, model: str, chosen, target) -> tuple:
    """Sort key: lower is better."""
    if model == "pmedian":
        return (pmedian_cost(problem, chosen),)
    need = coverage(problem, chosen).need_weighted
    if model == "setcover":
        return (need < _slack(problem, target), len(as_chosen(problem, chosen)), -need)
    return (-need,)


def _better(problem, model, a, b, target) -> bool:
    return _key(problem, model, a, target) < _key(problem, model, b, target)


def _prune(problem: SitingProblem, model: str, chosen) -> np.ndarray:
    """Drop sites one by one while the objective stays as good (the solver may open sites that
    add nothing once the budget is no longer binding)."""
    chosen = list(as_chosen(problem, chosen))
    measure = pmedian_cost if model == "pmedian" else (lambda p, c: -coverage(p, c).need_weighted)
    scale = TOL * max(
        float(problem.demand.sum()) * (problem.cap_min if model == "pmedian" else 1), 1
    )
    full = measure(problem, chosen)
    for site in sorted(chosen, reverse=True):
        rest = [c for c in chosen if c != site]
        if measure(problem, rest) <= full + scale:
            chosen = rest
    return np.array(chosen, dtype=np.int64)


def _answer(problem, model, chosen, status, bound, gap, start, target, target_pct) -> SitingAnswer:
    chosen = np.asarray(chosen, dtype=np.int64)
    objective = objective_of(problem, model, chosen)
    if status == "optimal":
        gap = 0.0
    elif bound is not None:
        gap = abs(objective - bound) / max(abs(objective), 1e-12)
    met = None
    if model == "setcover":
        met = bool(coverage(problem, chosen).need_weighted >= _slack(problem, target))
    return SitingAnswer(
        model=model,
        chosen=chosen,
        objective=objective,
        status=status,
        gap=gap,
        bound=bound,
        seconds=time.perf_counter() - start,
        coverage_target=target_pct,
        target_met=met,
    )
