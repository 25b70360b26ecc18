"""What an accessibility run is made of, read from the database and the network cache.

Everything here is gathered once per run and fingerprinted, so that a run whose inputs have not
changed is not stored twice and a cached population grid is never reused for other zones.
The population grid is kept in memory and on disk (GEOPLAN_CACHE_DIR), keyed by everything it is
made from, so a fresh process (a worker, a command) reuses it instead of rebuilding it.
"""

import hashlib
import json
import logging
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import geopandas as gpd
import h3
import numpy as np
import pandas as pd
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from geoplan.analysis import population
from geoplan.analysis.network import (
    WalkNetwork,
    cache_path,
    load_cached_network,
    network_from_csv,
    network_from_osm_file,
)
from geoplan.analysis.population import (
    PopulationGrid,
    build_population_grid,
    load_population_grid,
    save_population_grid,
)
from geoplan.registry.models import Service, ServiceCategory
from geoplan.territory.models import Zone

from .need_profiles import need_inputs

# Bump when the way results are computed changes, so that old runs no longer count as current.
METHOD_VERSION = 3

logger = logging.getLogger(__name__)


def shipped_network_files() -> tuple[Path, Path]:
    root = Path(settings.FIXTURES_DIR) / "network"
    return root / "turin_biketrackcarall_nodes.zip", root / "turin_biketrackcarall_edges.zip"


@lru_cache(maxsize=1)
def walk_network() -> WalkNetwork:
    """The walking network named by the GEOPLAN_NETWORK setting (see README)."""
    source = settings.GEOPLAN_NETWORK
    cache = settings.GEOPLAN_CACHE_DIR
    if not source:
        return network_from_csv(*shipped_network_files(), cache_dir=cache)
    if source.startswith("cache:"):
        path = cache_path(cache, source.removeprefix("cache:"))
        if not path.exists():
            raise ImproperlyConfigured(
                f"GEOPLAN_NETWORK={source} but {path} does not exist: run "
                "`manage.py build_network` first, then set the hash it prints."
            )
        return load_cached_network(path)
    if source.endswith(".osm"):
        return network_from_osm_file(source, cache_dir=cache)
    raise ImproperlyConfigured(
        "GEOPLAN_NETWORK must be empty (the shipped Turin network), a path to an .osm file, "
        f"or cache:HASH as printed by `manage.py build_network`; got {source!r}."
    )


def zones_frame() -> gpd.GeoDataFrame:
    """Zones with their latest population (EPSG:4326): zone_code, population, year, geometry."""
    rows = list(
        Zone.objects.with_population()
        .order_by("code")
        .values_list("code", "population", "population_year", "geom")
    )
    missing = [r[0] for r in rows if r[1] is None]
    if missing:
        raise ValueError(f"zones without a population value: {', '.join(missing)}")
    return gpd.GeoDataFrame(
        {
            "zone_code": [r[0] for r in rows],
            "population": [int(round(r[1])) for r in rows],
            "year": [r[2] for r in rows],
        },
        geometry=gpd.GeoSeries.from_wkb([r[3].wkb.tobytes() for r in rows], crs="EPSG:4326"),
    )


def sites_frame(include_illustrative: bool = False) -> pd.DataFrame:
    """One row per published service at a located site: site_id, category, lon, lat, capacity."""
    rows = (
        Service.objects.published(include_illustrative)
        .order_by("pk")
        .values_list("site_id", "pk", "category__code", "site__geom", "capacity")
    )
    return pd.DataFrame(
        [
            (site_id, pk, category, geom.x, geom.y, np.nan if cap is None else float(cap))
            for site_id, pk, category, geom, cap in rows
        ],
        columns=["site_id", "service_id", "category", "lon", "lat", "capacity"],
    )


@dataclass(frozen=True, eq=False)
class AccessInputs:
    zones: gpd.GeoDataFrame
    sites: pd.DataFrame
    indicators: pd.DataFrame | None
    specs: dict  # category -> need indicators with their weights
    categories: list[str]
    weights: dict  # category -> {indicator: weight}

    @classmethod
    def gather(cls, include_illustrative: bool = False):
        indicators, specs, weights = need_inputs()
        return cls(
            zones=zones_frame(),
            sites=sites_frame(include_illustrative),
            indicators=indicators,
            specs=specs,
            categories=list(ServiceCategory.objects.values_list("code", flat=True)),
            weights=weights,
        )

    @cached_property
    def zones_digest(self) -> str:
        h = hashlib.sha256()
        for code, pop, geom in zip(
            self.zones["zone_code"], self.zones["population"], self.zones.geometry, strict=True
        ):
            h.update(f"{code}|{pop}|".encode())
            h.update(geom.wkb)
        return h.hexdigest()

    @property
    def population_year(self) -> int | None:
        years = self.zones["year"].dropna()
        return int(years.max()) if len(years) else None

    def fingerprint(self, network_hash: str, speed_kmh: float, include_illustrative: bool) -> str:
        """A hash of everything a run depends on: equal hashes give equal results."""
        payload = {
            "method": METHOD_VERSION,
            "network": network_hash,
            "speed_kmh": speed_kmh,
            "include_illustrative": include_illustrative,
            "categories": self.categories,
            "zones": self.zones_digest,
            "sites": self.sites.to_json(orient="records"),
            "indicators": None if self.indicators is None else self.indicators.to_json(),
            "specs": {cat: [repr(s) for s in specs] for cat, specs in self.specs.items()},
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()

    def population_grid(self, network: WalkNetwork) -> PopulationGrid:
        return _grid(network, self.zones_digest, self.zones)


def grid_key(network_hash: str, zones_digest: str) -> str:
    """What a population grid is made from: the network, the zones, and how grids are built."""
    h = hashlib.sha256()
    for part in (
        f"grid-v{population.GRID_FORMAT_VERSION}",
        f"h3-{h3.__version__}-res{population.H3_RESOLUTION}",
        f"subsegment-{population.SUBSEGMENT_M!r}",
        network_hash,
        zones_digest,
    ):
        h.update(part.encode())
        h.update(b"\0")
    return h.hexdigest()


def grid_cache_path(cache_dir: str | Path, key: str) -> Path:
    return Path(cache_dir) / f"popgrid-{key}.npz"


# The grid for the latest (network, zones) pair, kept in memory by long-lived processes.
_GRIDS: dict[str, PopulationGrid] = {}


def _grid(network: WalkNetwork, zones_digest: str, zones: gpd.GeoDataFrame) -> PopulationGrid:
    key = grid_key(network.source_hash, zones_digest)
    if key not in _GRIDS:
        _GRIDS.clear()  # one grid per process is enough; a new territory replaces the old one
        _GRIDS[key] = _grid_from_disk(key, network, zones)
    return _GRIDS[key]


def _grid_from_disk(key: str, network: WalkNetwork, zones: gpd.GeoDataFrame) -> PopulationGrid:
    path = grid_cache_path(settings.GEOPLAN_CACHE_DIR, key)
    if path.exists():
        try:
            return load_population_grid(path)
        except (OSError, ValueError, KeyError) as exc:
            # A corrupt or stale file is rebuilt, never trusted.
            logger.warning("population grid cache %s unreadable (%s): rebuilding it", path, exc)
    grid = build_population_grid(zones, network, code_col="zone_code", pop_col="population")
    try:
        save_population_grid(grid, path)
    except OSError as exc:  # a read-only cache costs speed, not correctness
        logger.warning("population grid cache %s not written (%s)", path, exc)
    return grid
