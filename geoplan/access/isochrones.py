"""Walking isochrones as GeoJSON, with the residents each band reaches (see analysis/isochrones.py).

Residents: the latest run's population cells (of the same walking profile) whose centre reaches the
point within the band's minutes on foot, both snap legs walked: the rule of the coverage measure,
applied to one point. A cell counts whole or not at all; the cells are those of the run, snapped
as the run snapped them (re-snapped when the walking network changed since).

Answers are kept in the shared cache for an hour, keyed by the points (to 6 decimals, about
10 cm: a point is walked from as rounded, so nearby clicks share one answer), the bands, the
profile, the network's hash and the run, so neither a new network nor a new run is ever met by
an old answer.
"""

import hashlib
import json
import logging
from functools import lru_cache

import numpy as np
import shapely
from django.conf import settings
from django.core.cache import caches

from geoplan.analysis import isochrones as iso
from geoplan.analysis.routing import m_from_minutes, snap_points

from .inputs import walk_network
from .models import PROFILE_SPEED_KMH, AccessCell, AccessRun, Profile

log = logging.getLogger(__name__)

DEFAULT_MINUTES = (5, 10, 15, 20)
# Bands from 1 minute to half an hour on foot: a longer walk is no neighbourhood service's
# catchment, and its answer grows with the square of the minutes (60 minutes: about 1 MB).
MIN_MINUTES, MAX_MINUTES = 1, 30
# Answers are rebuilt in under a second: an hour in the shared cache serves a planner's session
# without letting many distinct points fill Redis.
CACHE_TIMEOUT_S = 3600
# Coordinates to 7 decimals: about 1 cm, finer than anything the bands are drawn from.
COORDINATE_DECIMALS = 7
# Points are walked from and keyed at 6 decimals (about 10 cm).
POINT_DECIMALS = 6
# Part of every cache key: bump when the bands or the answer's shape change.
ANSWER_FORMAT = 1


def isochrones_geojson(
    points: list[tuple[float, float]],
    minutes=DEFAULT_MINUTES,
    profile: str = Profile.STANDARD,
) -> dict:
    """A GeoJSON FeatureCollection (EPSG:4326) of the walking bands from each (lon, lat) point:
    one feature per point and band (points in the order given, bands from the shortest), with
    properties ``point`` (position in ``points``, from 0), ``minutes``, ``area_km2`` and
    ``residents`` (None when the profile has no completed run). Each band contains the shorter
    ones; an empty band (the point is farther from the network than the band's minutes) has a
    null geometry. Points are rounded to ``POINT_DECIMALS``; bands are ``MIN_MINUTES`` to
    ``MAX_MINUTES``."""
    minutes = sorted({int(m) for m in minutes})
    if not minutes:
        raise ValueError("isochrones need at least one band of minutes")
    if minutes[0] < MIN_MINUTES or minutes[-1] > MAX_MINUTES:
        raise ValueError(f"isochrone bands are {MIN_MINUTES} to {MAX_MINUTES} minutes")
    points = [
        (round(float(lon), POINT_DECIMALS), round(float(lat), POINT_DECIMALS))
        for lon, lat in points
    ]
    speed_kmh = PROFILE_SPEED_KMH[profile]
    network = walk_network()
    run = AccessRun.objects.latest_completed(profile)
    key = _cache_key(points, minutes, profile, network.source_hash, run)
    cached = _cache_get(key)
    if cached is not None:
        return cached
    cells = _cells(run.pk, run.finished_at, network.source_hash) if run else None
    limit_m = float(m_from_minutes(max(minutes), speed_kmh))
    features = []
    for i, (lon, lat) in enumerate(points):
        walk = iso.walk_from(network, float(lon), float(lat), limit_m)
        for band in iso.bands(network, walk, minutes, speed_kmh):
            residents = None
            if cells is not None:
                budget_m = float(m_from_minutes(band.minutes, speed_kmh))
                residents = iso.people_within(walk, *cells, budget_m)
            features.append(
                {
                    "type": "Feature",
                    "geometry": _geometry(band.polygon),
                    "properties": {
                        "point": i,
                        "minutes": int(band.minutes),
                        "area_km2": round(band.area_m2 / 1e6, 4),
                        "residents": residents,
                    },
                }
            )
    answer = {
        "type": "FeatureCollection",
        "features": features,
        "profile": profile,
        "speed_kmh": speed_kmh,
        "buffer_m": iso.BUFFER_M,
        "run": run.pk if run else None,
        "points": [{"lon": float(lon), "lat": float(lat)} for lon, lat in points],
    }
    _cache_set(key, answer)
    return answer


def _geometry(polygon) -> dict | None:
    if polygon.is_empty:
        return None
    rounded = shapely.set_precision(polygon, 10.0**-COORDINATE_DECIMALS)
    return json.loads(shapely.to_geojson(rounded))


@lru_cache(maxsize=8)
def _cells(
    run_pk: int, finished_at, network_hash: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The run's cells as (node, snap_m, population) on the network of ``network_hash`` (a run's
    cells never change; its end time tells it from a run of the same number in a rebuilt
    database)."""
    run = AccessRun.objects.get(pk=run_pk)
    if run.network_hash == network_hash:
        rows = list(
            AccessCell.objects.filter(run_id=run_pk).values_list("node", "snap_m", "population")
        )
        node, snap_m, population = (np.array(col) for col in zip(*rows, strict=True))
        return node.astype(np.int64), snap_m.astype(float), population.astype(np.int64)
    # The network changed since the run: its node numbers mean nothing now, snap afresh.
    rows = list(AccessCell.objects.filter(run_id=run_pk).values_list("geom", "population"))
    centres = [geom.centroid for geom, _population in rows]
    snapped = snap_points(walk_network(), [c.x for c in centres], [c.y for c in centres])
    return snapped.node, snapped.snap_m, np.array([p for _g, p in rows], dtype=np.int64)


def _cache_key(points, minutes, profile, network_hash, run: AccessRun | None) -> str:
    """Everything an answer depends on; the database's name and the run's end keep apart two
    deployments sharing a Redis and a run numbered again in a rebuilt database."""
    text = json.dumps(
        [
            ANSWER_FORMAT,
            settings.DATABASES["default"]["NAME"],
            [[repr(float(lon)), repr(float(lat))] for lon, lat in points],
            minutes,
            profile,
            network_hash,
            [run.pk, run.finished_at.isoformat() if run.finished_at else None] if run else None,
            iso.BUFFER_M,
        ]
    )
    return "isochrones:" + hashlib.sha256(text.encode()).hexdigest()


def _cache_get(key: str):
    try:
        return caches["shared"].get(key)
    except Exception as exc:  # the shared cache being down costs time, never the answer
        log.warning("isochrone cache unreadable: %s", exc)
        return None


def _cache_set(key: str, answer: dict) -> None:
    try:
        caches["shared"].set(key, answer, CACHE_TIMEOUT_S)
    except Exception as exc:
        log.warning("isochrone cache not written: %s", exc)
