"""Optimal siting on a stored run: where K new sites of a category would serve the most need.

The problem is built from the latest completed run of a walking profile, so that "before" is
exactly what the maps show: the run's cells (where each joins the network), their residents and
zone pieces, the category's need per zone, and the minutes to the nearest existing site. Demand
per cell is the sum over its zone pieces of residents x the zone's need percentile (0-1); a
category without any need counts plain residents, and a zone whose need alone is unknown counts
at the middle percentile (0.5). Candidates are the planner's points, or a regular grid over the
city (EPSG:32632) whose points are moved to their nearest street node.

Every figure reported is recomputed from the chosen points themselves (snapped to the network as
any site is, walked at the run's speed), never taken from the solver: anyone can check them.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
import shapely
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from geoplan.analysis import siting
from geoplan.analysis.network import project_lonlat
from geoplan.analysis.routing import (
    Snapped,
    bounded_network_m,
    cost_table,
    m_from_minutes,
    minutes_from_m,
    nearest_m,
    snap_points,
)

from .inputs import walk_network
from .models import AccessCell, AccessCellZone, AccessRun, CellAccess, ZoneAccess

# A zone with no known need, in a category where others have one: the middle percentile.
UNKNOWN_NEED_01 = 0.5
COORD_DECIMALS = 6
# Cells per bounded search when walking from the cells (bounds memory to batch x candidates).
_CELL_BATCH = 64
# Candidate points one siting weighs at most, a planner's own or the grid's. The work grows
# with them before any time limit applies: a p-median for a category without sites walks every
# candidate to every cell within the hour's cap (Housing First, 5 sites: 790 points on the 400 m
# grid are 0.19 million pairs and 6 s; 9,810 on a 100 m grid, 2.5 million pairs and 2.5 GB).
MAX_CANDIDATES = 2000
# A spacing suggested instead of a refused one is a multiple of this (metres).
_SPACING_STEP_M = 10


def solve_siting(
    *,
    category: str,
    k: int | None,
    threshold_min: float = 15,
    profile: str = "standard",
    model: str = "mclp",
    coverage_target: float = 90.0,
    grid_spacing_m: float = 400,
    candidates: list[dict] | None = None,
    time_limit_s: float = 10.0,
    progress: Callable[[int, str], None] | None = None,
) -> dict:
    """The siting answer as a JSON-ready dict (the job result of POST /api/siting/, without
    ``scenario``).

    ``candidates``: ``{"lon", "lat", "capacity"?, "name"?}`` points inside Turin (EPSG:4326;
    capacity in residents a site can serve), or None for the grid every ``grid_spacing_m``
    metres. ``k`` new sites (set cover: at most k, or None). ``time_limit_s`` bounds the
    solver; reading the run, walking and checking come on top (seconds, not minutes, on Turin).
    Existing sites have no capacity limit; the p-median chooses ignoring capacities (everyone
    walks to the nearest site) while the coverage figures of every model count them.
    ``progress(percent, message)`` is told how far the work is. Raises ValueError (with a
    sentence) for an unknown model or category, when there is no run or it was made on another
    network, when there is no candidate, or when the grid would hold more than
    ``MAX_CANDIDATES`` points.
    """
    start = time.perf_counter()
    if model not in siting.MODELS:
        raise ValueError(
            _("The model must be one of %(models)s.") % {"models": ", ".join(siting.MODELS)}
        )
    report = progress or (lambda percent, message: None)
    report(5, _("Reading the latest accessibility run"))
    run = AccessRun.objects.latest_completed(profile)
    if run is None:
        raise ValueError(
            _("There is no completed accessibility run for the %(profile)s profile yet.")
            % {"profile": profile}
        )
    network = walk_network()
    if run.network_hash != network.source_hash:
        raise ValueError(
            _("The walking network changed since the latest run: compute accessibility again.")
        )
    speed_kmh = float(run.params["speed_kmh"])
    cells, residents, demand, existing_min = run_cells(run, category)

    report(15, _("Placing the candidate sites"))
    if candidates is None:
        lon, lat = grid_candidates(network, grid_spacing_m)
        if len(lon) > MAX_CANDIDATES:
            raise ValueError(too_many_grid_points(network, grid_spacing_m, len(lon)))
        capacity, names = np.full(len(lon), np.nan), [None] * len(lon)
    else:
        lon = np.array([float(c["lon"]) for c in candidates])
        lat = np.array([float(c["lat"]) for c in candidates])
        capacity = np.array(
            [np.nan if c.get("capacity") is None else float(c["capacity"]) for c in candidates]
        )
        names = [c.get("name") or None for c in candidates]
    # The reported points are what gets walked from: round first, then snap.
    lon, lat = lon.round(COORD_DECIMALS), lat.round(COORD_DECIMALS)
    if len(lon) == 0:
        raise ValueError(_("There is no candidate site to choose from."))
    cand_pts = snap_points(network, lon, lat)

    report(30, _("Walking from every candidate to the residents"))
    cap_min = siting.default_cap_min(threshold_min)
    limit_min = np.full(len(demand), float(threshold_min))
    if model == "pmedian":
        # A cell gains from a site only if it is nearer than its current (capped) time.
        start_min = np.where(demand > 0, np.minimum(existing_min, cap_min), 0.0)
        limit_min = np.maximum(limit_min, start_min)
    pair_cand, pair_cell, pair_min = pair_minutes(network, cand_pts, cells, limit_min, speed_kmh)
    problem = siting.SitingProblem(
        demand,
        residents,
        pair_cand,
        pair_cell,
        pair_min,
        existing_min,
        len(lon),
        threshold_min,
        capacity=capacity if np.isfinite(capacity).any() else None,
        cap_min=cap_min,
    )

    report(50, _("Finding a first answer"))
    quick = siting.greedy(problem, model, k, coverage_target)
    report(60, _("Searching for the best sites"))
    best = siting.solve(problem, model, k, coverage_target, time_limit_s, greedy_answer=quick)

    report(90, _("Checking the answer on the street network"))
    site = (lon, lat, capacity, names, cand_pts)
    answer = evaluate(network, cells, problem, speed_kmh, best.chosen, site)
    result = {
        "model": model,
        "category": category,
        "k": k,
        "threshold_min": threshold_min,
        "profile": profile,
        "run": run.pk,
        **answer,
        "greedy": evaluate(network, cells, problem, speed_kmh, quick.chosen, site),
        "gap": best.gap,
        "status": best.status,
        "objective": best.objective,
        "seconds": round(time.perf_counter() - start, 3),
        "solver_seconds": round(best.seconds, 3),
        "candidates": len(lon),
        "unreachable_need_weighted": problem.unreachable_need_weighted(),
    }
    if model == "setcover":
        result |= {"coverage_target": best.coverage_target, "target_met": best.target_met}
    report(100, _("Done"))
    return result


def pair_minutes(network, cand: Snapped, cells: Snapped, limit_min, speed_kmh: float):
    """(candidate, cell, walking minutes) of every pair within each cell's ``limit_min``.

    One bounded search per candidate when limits are alike (a mean close to the largest);
    otherwise one per cell, each only as far as its own limit, cells taken in batches of
    similar limits: with a few sites of the category most cells already have one near, and
    searching the p-median's one-hour cap from every candidate would cost far more.
    """
    limit_min = np.asarray(limit_min, dtype=float)
    top = float(limit_min.max(initial=0.0))
    if len(cand) * top**2 <= float(np.sum(limit_min**2)):
        costs = cost_table(network, cand, cells, float(m_from_minutes(top, speed_kmh)))
        src, pt = costs["source"].to_numpy(), costs["point"].to_numpy()
        minutes = minutes_from_m(costs["walk_m"].to_numpy(), speed_kmh)
        keep = minutes <= limit_min[pt]
        return src[keep], pt[keep], minutes[keep]
    order = np.argsort(limit_min, kind="stable")
    order = order[limit_min[order] > 0]
    parts = []
    for start in range(0, len(order), _CELL_BATCH):
        batch = order[start : start + _CELL_BATCH]
        reach_m = float(m_from_minutes(limit_min[batch].max(), speed_kmh))
        net_m = bounded_network_m(network, cells.node[batch], cand.node, reach_m)
        minutes = minutes_from_m(
            cells.snap_m[batch][:, None] + net_m + cand.snap_m[None, :], speed_kmh
        )
        row, col = np.nonzero(minutes <= limit_min[batch][:, None])
        parts.append((col, batch[row], minutes[row, col]))
    if not parts:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    return tuple(np.concatenate(col) for col in zip(*parts, strict=True))


def run_cells(run: AccessRun, category: str):
    """The run's cells (snapped), residents, need-weighted residents and minutes to the nearest
    existing site of ``category`` (inf when none is reachable), one entry per cell by id."""
    rows = list(
        AccessCell.objects.filter(run=run)
        .order_by("pk")
        .values_list("pk", "node", "snap_m", "population")
    )
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    cells = Snapped(
        node=np.array([r[1] for r in rows], dtype=np.int64),
        snap_m=np.array([r[2] for r in rows], dtype=float),
    )
    residents = np.array([r[3] for r in rows], dtype=float)
    nearest = dict(
        CellAccess.objects.filter(cell__run=run, category=category).values_list(
            "cell_id", "nearest_min"
        )
    )
    if not nearest:
        raise ValueError(
            _("The accessibility run has no results for the category %(category)s.")
            % {"category": category}
        )
    existing_min = np.array([np.inf if nearest.get(i) is None else nearest[i] for i in ids])
    need = dict(
        ZoneAccess.objects.filter(run=run, category=category).values_list("zone_id", "need_01")
    )
    if not any(v is not None for v in need.values()):
        return cells, residents, residents.copy(), existing_min
    pieces = np.array(
        list(
            AccessCellZone.objects.filter(cell__run=run).values_list(
                "cell_id", "zone_id", "population"
            )
        ),
        dtype=np.int64,
    ).reshape(-1, 3)
    weight = np.array([_need(need.get(z)) for z in pieces[:, 1]])
    demand = np.bincount(
        np.searchsorted(ids, pieces[:, 0]), weights=pieces[:, 2] * weight, minlength=len(ids)
    )
    return cells, residents, demand, existing_min


def _need(value) -> float:
    return UNKNOWN_NEED_01 if value is None else float(value)


def city_shapes():
    """Turin's boundary in EPSG:4326 and in EPSG:32632, both prepared for many point tests."""
    from geoplan.territory.models import City

    boundary = shapely.from_wkb(bytes(City.turin().geom.wkb))
    city = shapely.transform(
        boundary, lambda xy: np.column_stack(project_lonlat(xy[:, 0], xy[:, 1]))
    )
    shapely.prepare(boundary)
    shapely.prepare(city)
    return boundary, city


def grid_candidates(network, spacing_m: float, shapes=None) -> tuple[np.ndarray, np.ndarray]:
    """Candidate points every ``spacing_m`` metres (EPSG:32632 grid) inside the city boundary,
    each moved to its nearest street node, one per node and only nodes inside the city; returned
    as the nodes' lon/lat (EPSG:4326) to ``COORD_DECIMALS``, each still inside the boundary as a
    scenario's site must be. ``shapes``: :func:`city_shapes`, when already read."""
    if not spacing_m > 0:
        raise ValueError(_("The grid spacing must be a positive number of metres."))
    boundary, city = city_shapes() if shapes is None else shapes
    minx, miny, maxx, maxy = city.bounds
    xs = np.arange(np.floor(minx / spacing_m), np.ceil(maxx / spacing_m) + 1) * spacing_m
    ys = np.arange(np.floor(miny / spacing_m), np.ceil(maxy / spacing_m) + 1) * spacing_m
    gx, gy = (a.ravel() for a in np.meshgrid(xs, ys))
    inside = shapely.contains_xy(city, gx, gy)
    _dist, node = network.kdtree.query(np.column_stack([gx[inside], gy[inside]]))
    node = np.unique(node)
    node = node[shapely.contains_xy(city, network.x[node], network.y[node])]
    lon, lat = network.lon[node].round(COORD_DECIMALS), network.lat[node].round(COORD_DECIMALS)
    inside = shapely.intersects_xy(boundary, lon, lat)
    return lon[inside], lat[inside]


def grid_refusal(network, spacing_m: float) -> str | None:
    """Why a grid every ``spacing_m`` metres cannot be the candidates (it would hold more than
    ``MAX_CANDIDATES`` points), or None when it can."""
    shapes = city_shapes()
    n = len(grid_candidates(network, spacing_m, shapes)[0])
    return too_many_grid_points(network, spacing_m, n, shapes) if n > MAX_CANDIDATES else None


def too_many_grid_points(network, spacing_m: float, n: int, shapes=None) -> str:
    """The sentence refusing a grid of ``n`` points, naming grid_spacing_m and the narrowest
    spacing (a multiple of 10 m) found to fit."""
    wider = _fitting_spacing(network, spacing_m, shapes or city_shapes())
    return _(
        "grid_spacing_m=%(spacing)s places %(n)s candidate points over the city: at most "
        "%(max)s are accepted. Use a wider spacing (%(wider)s m places %(fits)s) or give "
        "the candidate points."
    ) % {
        "spacing": number_format(spacing_m),
        "n": number_format(n, force_grouping=True),
        "max": number_format(MAX_CANDIDATES, force_grouping=True),
        "wider": number_format(wider[0]),
        "fits": number_format(wider[1], force_grouping=True),
    }


def _fitting_spacing(network, spacing_m: float, shapes) -> tuple[int, int]:
    """(spacing, points) of the narrowest grid wider than ``spacing_m`` found to hold at most
    ``MAX_CANDIDATES`` points: a bisection over multiples of 10 m (fewer points as the spacing
    widens, give or take a point where the grid meets the boundary; the one named fits)."""
    step = _SPACING_STEP_M
    low, high = int(spacing_m // step) + 1, max(int(spacing_m // step) + 1, 2000 // step)
    count = {}

    def points(i):
        if i not in count:
            count[i] = len(grid_candidates(network, i * step, shapes)[0])
        return count[i]

    while points(high) > MAX_CANDIDATES:
        high *= 2
    while low < high:
        middle = (low + high) // 2
        if points(middle) <= MAX_CANDIDATES:
            high = middle
        else:
            low = middle + 1
    return high * step, points(high)


def evaluate(network, cells: Snapped, problem, speed_kmh: float, chosen, site) -> dict:
    """Coverage before and after opening ``chosen``, walked again from each chosen point on the
    network (the same way any site is measured), and each site's marginal gain."""
    lon, lat, capacity, names, pts = site
    chosen = np.asarray(chosen, dtype=np.int64)
    limit_m = float(m_from_minutes(problem.threshold_min, speed_kmh))
    parts = []
    for pos, j in enumerate(chosen):
        walk_min = minutes_from_m(nearest_m(network, pts.subset([j]), cells, limit_m), speed_kmh)
        hit = np.flatnonzero(walk_min <= problem.threshold_min)
        parts.append((np.full(len(hit), pos), hit, walk_min[hit]))
    cand, cell, minutes = (
        (np.concatenate(col) for col in zip(*parts, strict=True)) if parts else ([], [], [])
    )
    check = siting.SitingProblem(
        problem.demand,
        problem.residents,
        cand,
        cell,
        minutes,
        problem.existing_min,
        len(chosen),
        problem.threshold_min,
        capacity=None if problem.capacity is None else capacity[chosen],
    )
    before, after = siting.coverage(check, []), siting.coverage(check, np.arange(len(chosen)))
    sites = [
        {
            "lon": float(lon[chosen[pos]]),
            "lat": float(lat[chosen[pos]]),
            "capacity": _finite(capacity[chosen[pos]]),
            "name": names[chosen[pos]],
            "residents_newly_covered": residents_gain,
            "need_weighted_newly_covered": need_gain,
        }
        for pos, residents_gain, need_gain in siting.marginal_coverage(
            check, np.arange(len(chosen))
        )
    ]
    return {
        "sites": sites,
        "residents_covered_before": before.residents,
        "residents_covered_after": after.residents,
        "need_weighted_covered_before": before.need_weighted,
        "need_weighted_covered_after": after.need_weighted,
    }


def _finite(value) -> float | None:
    return float(value) if np.isfinite(value) else None
