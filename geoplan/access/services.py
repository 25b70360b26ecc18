"""The only bridge between the ORM and geoplan.analysis: runs, stores and reads accessibility.

Inputs are gathered in :mod:`geoplan.access.inputs`; runs are never overwritten, and a run made
from unchanged inputs is not stored twice.
"""

import math
import time
from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pandas as pd
from django.db import connection, transaction
from django.utils import timezone

from geoplan.analysis import measures, whatif
from geoplan.analysis.routing import DEFAULT_SPEED_KMH, Snapped, minutes_from_m, walk_distance_m
from geoplan.territory.models import Zone

from .copy import copy_frame, ewkb_hex, finite_or_null, float_column, int_or_null, json_text
from .inputs import AccessInputs, walk_network
from .kpis import record_snapshots
from .models import (
    PROFILE_SPEED_KMH,
    AccessCell,
    AccessCellZone,
    AccessRun,
    CellAccess,
    Profile,
    ZoneAccess,
)

THRESHOLDS_MIN = (10, 15, 20)
WHAT_IF_THRESHOLD_MIN = 15


# One recompute at a time, by the workers and the compute_access command alike (a PostgreSQL
# advisory lock: released with the session, so also when a worker dies).
RECOMPUTE_LOCK = 7_274_101


@contextmanager
def recompute_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [RECOMPUTE_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [RECOMPUTE_LOCK])


class StaleRun(Exception):
    """The run was made on another walking network than the one loaded now."""


def compute(inputs: AccessInputs, speed_kmh: float = DEFAULT_SPEED_KMH):
    """Every measure for every category, no database writes: (network, grid, results, timings)."""
    timings = {}
    t = time.perf_counter()
    network = walk_network()
    timings["network"] = time.perf_counter() - t
    t = time.perf_counter()
    grid = inputs.population_grid(network)
    timings["population_grid"] = time.perf_counter() - t
    results = measures.compute_all(
        network,
        grid.cells,
        grid.pieces,
        inputs.sites,
        inputs.indicators,
        inputs.specs,
        categories=inputs.categories,
        speed_kmh=speed_kmh,
        thresholds_min=THRESHOLDS_MIN,
    )
    return network, grid, results, timings


def _num(value):
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def run_access(
    profile: str = Profile.STANDARD,
    include_illustrative: bool = False,
    force: bool = False,
) -> tuple[AccessRun, bool]:
    """Store a new run unless the latest completed one was made from the same inputs.

    Returns (run, created). Any failure, an interruption included, marks the new run failed and
    re-raises; views keep using the latest completed run.
    """
    t0 = time.perf_counter()
    speed_kmh = PROFILE_SPEED_KMH[profile]
    inputs = AccessInputs.gather(include_illustrative)
    gather_s = time.perf_counter() - t0
    t = time.perf_counter()
    network = walk_network()
    network_s = time.perf_counter() - t
    t = time.perf_counter()
    fingerprint = inputs.fingerprint(network.source_hash, speed_kmh, include_illustrative)
    latest = AccessRun.objects.latest_completed(profile, include_illustrative)
    if not force and latest is not None and latest.inputs_hash == fingerprint:
        return latest, False
    run = AccessRun.objects.create(
        profile=profile,
        inputs_hash=fingerprint,
        params={
            "speed_kmh": speed_kmh,
            "include_illustrative": include_illustrative,
            "need_weights": inputs.weights,
            "population_year": inputs.population_year,
        },
    )
    gather_s += time.perf_counter() - t
    try:
        network, grid, results, timings = compute(inputs, speed_kmh)
        timings["gather"] = gather_s
        timings["network"] += network_s
        timings["compute"] = results.timings_s.get("total")
        t = time.perf_counter()
        with transaction.atomic():
            _store(run, grid, results)
            run.status = AccessRun.Status.COMPLETED
            run.finished_at = timezone.now()
            run.network_hash = network.source_hash
            run.params = {**results.params, **run.params}
            timings["store"] = time.perf_counter() - t
            timings["total"] = time.perf_counter() - t0
            run.timings_s = {k: round(v, 4) for k, v in timings.items() if v is not None}
            run.counts = {
                "cells": int(len(grid.cells)),
                "zones": int(grid.pieces["zone_code"].nunique()),
                "services": int(len(results.sites)),
                "categories": len(inputs.categories),
                "network_nodes": int(network.n_nodes),
            }
            run.city = _city_json(results.city)
            run.save()
            record_snapshots(run)
    except BaseException as exc:
        AccessRun.objects.filter(pk=run.pk).update(
            status=AccessRun.Status.FAILED, error=repr(exc), finished_at=timezone.now()
        )
        raise
    return run, True


def _city_json(city: pd.DataFrame) -> dict:
    frame = city.reset_index() if "category" not in city.columns else city
    return {
        str(row["category"]): {
            k: (_num(v) if isinstance(v, (int, float, np.floating, np.integer)) else v)
            for k, v in row.items()
            if k != "category"
        }
        for row in frame.to_dict("records")
    }


def _store(run: AccessRun, grid, results) -> None:
    """Write the run's cells, their zone pieces and every measure, one COPY per table."""
    cells = grid.cells
    copy_frame(
        AccessCell,
        pd.DataFrame(
            {
                "run_id": run.pk,
                "h3": cells["h3"].to_numpy(),
                "population": cells["population"].to_numpy(dtype=np.int64),
                "geom": ewkb_hex(cells.geometry.values, srid=4326),
                "node": cells["node"].to_numpy(dtype=np.int64),
                "snap_m": cells["snap_m"].to_numpy(dtype=float),
            }
        ),
    )
    cell_ids = _lookup(dict(AccessCell.objects.filter(run=run).values_list("h3", "pk")), "cell")
    zone_ids = _lookup(dict(Zone.objects.values_list("code", "pk")), "zone")
    pieces = grid.pieces
    copy_frame(
        AccessCellZone,
        pd.DataFrame(
            {
                "cell_id": cell_ids(pieces["h3"]),
                "zone_id": zone_ids(pieces["zone_code"]),
                "population": pieces["population"].to_numpy(dtype=np.int64),
            }
        ),
    )
    per_cell = results.cells
    copy_frame(
        CellAccess,
        pd.DataFrame(
            {
                "cell_id": cell_ids(per_cell["h3"]),
                "category": per_cell["category"].to_numpy(),
                "nearest_min": finite_or_null(per_cell["nearest_min"]),
                **{
                    f"sites_within_{t}": per_cell[f"sites_within_{t}"].to_numpy(dtype=np.int64)
                    for t in THRESHOLDS_MIN
                },
                **{
                    f"capacity_within_{t}": float_column(per_cell[f"capacity_within_{t}"])
                    for t in THRESHOLDS_MIN
                },
                "e2sfca": finite_or_null(per_cell["e2sfca"]),
            }
        ),
    )
    zones = results.zones.reset_index() if "zone_code" not in results.zones else results.zones
    copy_frame(
        ZoneAccess,
        pd.DataFrame(
            {
                "run_id": run.pk,
                "zone_id": zone_ids(zones["zone_code"]),
                "category": zones["category"].to_numpy(),
                "population": zones["population"].to_numpy(dtype=np.int64),
                "mean_min": finite_or_null(zones["mean_min"]),
                **{
                    f"share_within_{t}": float_column(zones[f"share_within_{t}"])
                    for t in THRESHOLDS_MIN
                },
                "e2sfca_mean": finite_or_null(zones["e2sfca_mean"]),
                "need": finite_or_null(zones["need"]),
                "need_01": finite_or_null(zones["need_01"]),
                "need_components": json_text(
                    {k: round(v, 6) for k, v in c.items()} for c in zones["need_components"]
                ),
                "residents_beyond": int_or_null(zones["residents_beyond"]),
                "gap": finite_or_null(zones["gap"]),
                "gap_people": finite_or_null(zones["gap_people"]),
                "gap_rank": int_or_null(zones["gap_rank"]),
                "gap_tied": zones["gap_tied"].to_numpy(dtype=bool),
            }
        ),
    )


def _lookup(ids: dict, what: str):
    """A vectorised ``key -> primary key`` lookup that fails loudly on an unknown key."""
    index = pd.Index(list(ids))
    values = np.fromiter(ids.values(), dtype=np.int64, count=len(ids))

    def look(keys) -> np.ndarray:
        pos = index.get_indexer(pd.Index(keys))
        if (pos < 0).any():
            unknown = sorted({str(k) for k, p in zip(keys, pos, strict=True) if p < 0})
            raise KeyError(f"unknown {what}: {', '.join(unknown[:5])}")
        return values[pos]

    return look


def walk_time(lon1: float, lat1: float, lon2: float, lat2: float, speed_kmh=DEFAULT_SPEED_KMH):
    """Walking metres and minutes between two EPSG:4326 points, snap legs included."""
    meters = walk_distance_m(walk_network(), lon1, lat1, lon2, lat2)
    return {
        "meters": round(meters, 2),
        "minutes": round(float(minutes_from_m(meters, speed_kmh)), 2),
    }


def what_if(run: AccessRun, category: str, proposals: list[dict]) -> dict:
    """Per affected zone: residents newly within 15 min, change in mean minutes and in gap rank.

    Uses the run's own cells, residents and snapping, and a search bounded around the proposed
    sites (no city-wide recompute)."""
    network = walk_network()
    if network.source_hash != run.network_hash:
        raise StaleRun("the walking network changed since this run: run compute_access again")
    t = time.perf_counter()
    h3s, snapped, current, need_01 = _whatif_category(run.pk, category)
    pieces = _whatif_pieces(run.pk)
    after = whatif.whatif_nearest_min(
        network,
        snapped,
        current,
        [p["lon"] for p in proposals],
        [p["lat"] for p in proposals],
        speed_kmh=run.params.get("speed_kmh", DEFAULT_SPEED_KMH),
    )
    zones = whatif.whatif_zones(
        pieces, h3s, current, after, threshold_min=WHAT_IF_THRESHOLD_MIN, need_01=need_01
    )
    # A zone counts when residents cross the threshold, get closer, or can reach a site at all
    # for the first time (a category without any site: no "before" to subtract from) within the
    # longest walk the measures consider; beyond it every zone of the city would be listed.
    first_reach = zones["mean_min_before"].isna() & (zones["mean_min_after"] <= max(THRESHOLDS_MIN))
    changed = zones[(zones["newly_within"] > 0) | (zones["delta_mean_min"] < -1e-9) | first_reach]
    return {"zones": changed, "seconds": time.perf_counter() - t}


# A run's rows never change once stored, so the what-if reads them once per process and run.
@lru_cache(maxsize=32)
def _whatif_category(run_pk: int, category: str):
    """(cell h3 list, snapped cells, current nearest minutes, need percentile or None)."""
    cells = list(
        CellAccess.objects.filter(cell__run_id=run_pk, category=category)
        .order_by("cell_id")
        .values_list("cell__h3", "cell__node", "cell__snap_m", "nearest_min")
    )
    snapped = Snapped(
        node=np.array([c[1] for c in cells], dtype=np.int64),
        snap_m=np.array([c[2] for c in cells], dtype=float),
    )
    current = np.array([np.inf if c[3] is None else c[3] for c in cells])
    need_01 = pd.Series(
        dict(
            ZoneAccess.objects.filter(run_id=run_pk, category=category).values_list(
                "zone__code", "need_01"
            )
        ),
        dtype=float,
    )
    current.setflags(write=False)
    return [c[0] for c in cells], snapped, current, (need_01 if need_01.notna().any() else None)


@lru_cache(maxsize=8)
def _whatif_pieces(run_pk: int) -> pd.DataFrame:
    return pd.DataFrame(
        list(
            AccessCellZone.objects.filter(cell__run_id=run_pk).values_list(
                "cell__h3", "zone__code", "population"
            )
        ),
        columns=["h3", "zone_code", "population"],
    )
