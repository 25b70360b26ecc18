"""The only bridge between the ORM and geoplan.analysis: runs, stores and reads accessibility.

Inputs are gathered in :mod:`geoplan.access.inputs`; runs are never overwritten, and a run made
from unchanged inputs is not stored twice.
"""

import math
import time

import numpy as np
import pandas as pd
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from django.utils import timezone

from geoplan.analysis import measures, whatif
from geoplan.analysis.routing import DEFAULT_SPEED_KMH, Snapped, minutes_from_m, walk_distance_m
from geoplan.territory.models import Zone

from .inputs import AccessInputs, walk_network
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
    speed_kmh = PROFILE_SPEED_KMH[profile]
    inputs = AccessInputs.gather(include_illustrative)
    network = walk_network()
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
    t0 = time.perf_counter()
    try:
        network, grid, results, timings = compute(inputs, speed_kmh)
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
    stored = AccessCell.objects.bulk_create(
        [
            AccessCell(
                run=run,
                h3=row.h3,
                population=int(row.population),
                geom=GEOSGeometry(memoryview(row.geometry.wkb), srid=4326),
                node=int(row.node),
                snap_m=float(row.snap_m),
            )
            for row in grid.cells.itertuples()
        ],
        batch_size=2000,
    )
    cell_ids = {c.h3: c.pk for c in stored}
    zone_ids = dict(Zone.objects.values_list("code", "pk"))
    AccessCellZone.objects.bulk_create(
        [
            AccessCellZone(
                cell_id=cell_ids[p.h3], zone_id=zone_ids[p.zone_code], population=int(p.population)
            )
            for p in grid.pieces.itertuples()
        ],
        batch_size=5000,
    )
    CellAccess.objects.bulk_create(
        [
            CellAccess(
                cell_id=cell_ids[row["h3"]],
                category=row["category"],
                nearest_min=_num(row["nearest_min"]),
                **{f"sites_within_{t}": int(row[f"sites_within_{t}"]) for t in THRESHOLDS_MIN},
                **{
                    f"capacity_within_{t}": float(row[f"capacity_within_{t}"])
                    for t in THRESHOLDS_MIN
                },
                e2sfca=_num(row["e2sfca"]),
            )
            for row in results.cells.to_dict("records")
        ],
        batch_size=5000,
    )
    zones = results.zones.reset_index() if "zone_code" not in results.zones else results.zones
    ZoneAccess.objects.bulk_create(
        [
            ZoneAccess(
                run=run,
                zone_id=zone_ids[row["zone_code"]],
                category=row["category"],
                population=int(row["population"]),
                mean_min=_num(row["mean_min"]),
                **{f"share_within_{t}": float(row[f"share_within_{t}"]) for t in THRESHOLDS_MIN},
                e2sfca_mean=_num(row["e2sfca_mean"]),
                need=_num(row["need"]),
                need_01=_num(row["need_01"]),
                need_components={k: round(v, 6) for k, v in row["need_components"].items()},
                residents_beyond=None
                if pd.isna(row["residents_beyond"])
                else int(row["residents_beyond"]),
                gap=_num(row["gap"]),
                gap_people=_num(row["gap_people"]),
                gap_rank=None if pd.isna(row["gap_rank"]) else int(row["gap_rank"]),
                gap_tied=bool(row["gap_tied"]),
            )
            for row in zones.to_dict("records")
        ],
        batch_size=2000,
    )


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
    cells = list(
        CellAccess.objects.filter(cell__run=run, category=category)
        .order_by("cell_id")
        .values_list("cell__h3", "cell__node", "cell__snap_m", "nearest_min")
    )
    h3s = [c[0] for c in cells]
    snapped = Snapped(
        node=np.array([c[1] for c in cells], dtype=np.int64),
        snap_m=np.array([c[2] for c in cells], dtype=float),
    )
    current = np.array([np.inf if c[3] is None else c[3] for c in cells])
    pieces = pd.DataFrame(
        list(
            AccessCellZone.objects.filter(cell__run=run).values_list(
                "cell__h3", "zone__code", "population"
            )
        ),
        columns=["h3", "zone_code", "population"],
    )
    after = whatif.whatif_nearest_min(
        network,
        snapped,
        current,
        [p["lon"] for p in proposals],
        [p["lat"] for p in proposals],
        speed_kmh=run.params.get("speed_kmh", DEFAULT_SPEED_KMH),
    )
    need_01 = pd.Series(
        dict(
            ZoneAccess.objects.filter(run=run, category=category).values_list(
                "zone__code", "need_01"
            )
        ),
        dtype=float,
    )
    need_01 = need_01 if need_01.notna().any() else None
    zones = whatif.whatif_zones(
        pieces, h3s, current, after, threshold_min=WHAT_IF_THRESHOLD_MIN, need_01=need_01
    )
    # A zone counts when residents cross the threshold, get closer, or can reach a site at all
    # for the first time (a category without any site: no "before" to subtract from) within the
    # longest walk the measures consider; beyond it every zone of the city would be listed.
    first_reach = zones["mean_min_before"].isna() & (zones["mean_min_after"] <= max(THRESHOLDS_MIN))
    changed = zones[(zones["newly_within"] > 0) | (zones["delta_mean_min"] < -1e-9) | first_reach]
    return {"zones": changed, "seconds": time.perf_counter() - t}
