"""The only bridge between the ORM and geoplan.analysis: builds the inputs, runs, stores results.

The walking network and the population grid are built once per process (the network itself is
cached on disk as CSR arrays keyed by the source files' hash).
"""

import hashlib
import json
import math
import time
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction
from django.utils import timezone

from geoplan.analysis import measures, whatif
from geoplan.analysis.need import Indicator as NeedIndicator
from geoplan.analysis.need import rescale_01
from geoplan.analysis.network import WalkNetwork, network_from_csv
from geoplan.analysis.population import PopulationGrid, build_population_grid
from geoplan.analysis.routing import DEFAULT_SPEED_KMH, Snapped, minutes_from_m, walk_distance_m
from geoplan.registry.models import Service, ServiceCategory
from geoplan.territory.models import POPULATION_INDICATOR, Indicator, IndicatorValue, Zone

from .models import PROFILE_SPEED_KMH, AccessCell, AccessRun, CellAccess, Profile, ZoneAccess

# Bump when the way results are computed changes, so that old runs no longer count as current.
METHOD_VERSION = 1

THRESHOLDS_MIN = (10, 15, 20)


def network_files() -> tuple[Path, Path]:
    root = Path(settings.FIXTURES_DIR) / "network"
    return root / "turin_biketrackcarall_nodes.zip", root / "turin_biketrackcarall_edges.zip"


@lru_cache(maxsize=1)
def walk_network() -> WalkNetwork:
    nodes, edges = network_files()
    return network_from_csv(nodes, edges, cache_dir=settings.GEOPLAN_CACHE_DIR)


def zones_frame() -> gpd.GeoDataFrame:
    rows = [
        (z.code, int(round(z.population or 0)), z.geom.wkb.tobytes())
        for z in Zone.objects.with_population(year=2023)
    ]
    return gpd.GeoDataFrame(
        {"ZONASTAT": [r[0] for r in rows], "pop2023": [r[1] for r in rows]},
        geometry=gpd.GeoSeries.from_wkb([r[2] for r in rows], crs="EPSG:4326"),
    )


@lru_cache(maxsize=1)
def _grid_for(network_hash: str, zones_key: str) -> PopulationGrid:
    return build_population_grid(zones_frame(), walk_network())


def population_grid() -> PopulationGrid:
    # Keyed by what it is made of, so a reloaded territory is never served a stale grid.
    zones_key = json.dumps(
        sorted(
            IndicatorValue.objects.filter(
                indicator__code=POPULATION_INDICATOR, year=2023
            ).values_list("zone__code", "value")
        )
    )
    return _grid_for(walk_network().source_hash, zones_key)


def sites_frame(include_illustrative: bool = False) -> pd.DataFrame:
    """One row per published service at a located site: site_id, category, lon, lat, capacity."""
    services = Service.objects.published(include_illustrative).select_related("site", "category")
    return pd.DataFrame(
        [
            {
                "site_id": s.site_id,
                "service_id": s.pk,
                "category": s.category.code,
                "lon": s.site.geom.x,
                "lat": s.site.geom.y,
                "capacity": float(s.capacity) if s.capacity is not None else np.nan,
            }
            for s in services
        ],
        columns=["site_id", "service_id", "category", "lon", "lat", "capacity"],
    )


def need_inputs(weights: dict[str, float] | None = None):
    """Need indicators per zone (latest year of each) and their specs (direction, weight)."""
    indicators = list(Indicator.objects.exclude(higher_means_more_need__isnull=True))
    if not indicators:
        return None, None
    values = (
        IndicatorValue.objects.filter(indicator__in=indicators)
        .order_by("zone__code", "indicator__code", "year")
        .values_list("zone__code", "indicator__code", "value")
    )
    frame = pd.DataFrame(list(values), columns=["zone_code", "indicator", "value"])
    table = frame.groupby(["zone_code", "indicator"])["value"].last().unstack()
    weights = weights or {}
    specs = [
        NeedIndicator(i.code, bool(i.higher_means_more_need), float(weights.get(i.code, 1.0)))
        for i in indicators
        if i.code in table.columns
    ]
    return table, specs


def category_codes() -> list[str]:
    return list(ServiceCategory.objects.values_list("code", flat=True))


def compute(speed_kmh: float = DEFAULT_SPEED_KMH, include_illustrative: bool = False, inputs=None):
    """Compute every measure (no database writes). Returns (network, grid, results, timings)."""
    timings = {}
    t = time.perf_counter()
    network = walk_network()
    timings["network"] = time.perf_counter() - t
    t = time.perf_counter()
    grid = population_grid()
    timings["population_grid"] = time.perf_counter() - t
    sites, indicators, specs = inputs or gather_inputs(include_illustrative)
    results = measures.compute_all(
        network,
        grid.cells,
        grid.pieces,
        sites,
        indicators,
        specs,
        categories=category_codes(),
        speed_kmh=speed_kmh,
        thresholds_min=THRESHOLDS_MIN,
    )
    return network, grid, results, timings


def gather_inputs(include_illustrative: bool = False):
    indicators, specs = need_inputs()
    return sites_frame(include_illustrative), indicators, specs


def inputs_fingerprint(profile: str, include_illustrative: bool, inputs) -> str:
    """A hash of everything a run depends on: equal hashes give equal results."""
    sites, indicators, specs = inputs
    population = sorted(
        IndicatorValue.objects.filter(indicator__code=POPULATION_INDICATOR, year=2023).values_list(
            "zone__code", "value"
        )
    )
    payload = {
        "method": METHOD_VERSION,
        "network": walk_network().source_hash,
        "profile": profile,
        "speed_kmh": PROFILE_SPEED_KMH[profile],
        "include_illustrative": include_illustrative,
        "categories": category_codes(),
        "sites": sites.sort_values("service_id").to_json(orient="records"),
        "indicators": None if indicators is None else indicators.sort_index().to_json(),
        "specs": [repr(s) for s in specs or []],
        "population": population,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _num(value):
    value = float(value)
    return value if math.isfinite(value) else None


def run_access(
    profile: str = Profile.STANDARD, include_illustrative: bool = False, force: bool = False
) -> tuple[AccessRun, bool]:
    """Store a new run unless the latest completed one was made from the same inputs.

    Returns (run, created). A failure marks the new run failed and re-raises; views keep using
    the latest completed run. Runs are never overwritten.
    """
    speed_kmh = PROFILE_SPEED_KMH[profile]
    inputs = gather_inputs(include_illustrative)
    fingerprint = inputs_fingerprint(profile, include_illustrative, inputs)
    latest = AccessRun.objects.latest_completed(profile)
    if not force and latest is not None and latest.inputs_hash == fingerprint:
        return latest, False
    run = AccessRun.objects.create(
        profile=profile,
        inputs_hash=fingerprint,
        params={"speed_kmh": speed_kmh, "include_illustrative": include_illustrative},
    )
    t0 = time.perf_counter()
    try:
        network, grid, results, timings = compute(speed_kmh, include_illustrative, inputs)
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
                "categories": int(results.zones["category"].nunique()),
                "network_nodes": int(network.n_nodes),
            }
            run.city = _city_json(results.city)
            run.save()
    except Exception as exc:
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


def _store(run: AccessRun, grid: PopulationGrid, results) -> None:
    cells = grid.cells
    stored = AccessCell.objects.bulk_create(
        [
            AccessCell(
                run=run,
                h3=row.h3,
                population=int(row.population),
                geom=GEOSGeometry(memoryview(row.geometry.wkb), srid=4326),
            )
            for row in cells.itertuples()
        ],
        batch_size=2000,
    )
    cell_ids = {c.h3: c.pk for c in stored}
    measures_rows = []
    for row in results.cells.to_dict("records"):
        measures_rows.append(
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
        )
    CellAccess.objects.bulk_create(measures_rows, batch_size=5000)
    zone_ids = dict(Zone.objects.values_list("code", "pk"))
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
                gap=_num(row["gap"]),
                gap_rank=None if pd.isna(row["gap_rank"]) else int(row["gap_rank"]),
            )
            for row in zones.to_dict("records")
        ],
        batch_size=2000,
    )


def walk_time(lon1: float, lat1: float, lon2: float, lat2: float, speed_kmh=DEFAULT_SPEED_KMH):
    meters = walk_distance_m(walk_network(), lon1, lat1, lon2, lat2)
    return {
        "meters": round(meters, 2),
        "minutes": round(float(minutes_from_m(meters, speed_kmh)), 2),
    }


def what_if(run: AccessRun, category: str, proposals: list[dict]) -> dict:
    """Per affected zone: residents newly within 15 min, change in mean minutes and in gap rank.

    A bounded search from the proposed sites only (no city-wide recompute)."""
    network = walk_network()
    t = time.perf_counter()
    cells = list(
        CellAccess.objects.filter(cell__run=run, category=category)
        .order_by("cell_id")
        .values_list("cell__h3", "nearest_min", "cell__population")
    )
    h3s = [c[0] for c in cells]
    current = np.array([np.inf if c[1] is None else c[1] for c in cells])
    grid = population_grid()
    snapped_all = grid.cells.set_index("h3").loc[h3s]
    snapped = Snapped(node=snapped_all["node"].to_numpy(), snap_m=snapped_all["snap_m"].to_numpy())
    speed = run.params.get("speed_kmh", DEFAULT_SPEED_KMH)
    after = whatif.whatif_nearest_min(
        network,
        snapped,
        current,
        [p["lon"] for p in proposals],
        [p["lat"] for p in proposals],
        speed_kmh=speed,
    )
    need = pd.Series(
        dict(
            ZoneAccess.objects.filter(run=run, category=category).values_list("zone__code", "need")
        ),
        dtype=float,
    )
    need_01 = rescale_01(need) if need.notna().any() else None
    zones = whatif.whatif_zones(grid.pieces, h3s, current, after, need_01=need_01)
    elapsed = time.perf_counter() - t
    changed = zones[(zones["newly_within"] > 0) | (zones["delta_mean_min"].abs() > 1e-9)]
    return {"zones": changed, "seconds": elapsed}
