"""Shared fixtures for the analysis tests: the real Turin data, compiled once per session.

These tests need no database.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest

from geoplan.analysis.network import network_from_csv, unproject_xy
from geoplan.analysis.population import build_population_grid
from tests.analysis.factories import FULL_EDGES, FULL_NODES, ZONES


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("walknet-cache")


@pytest.fixture(scope="session")
def turin(cache_dir):
    """The full Turin walking network (compiled once per session into a temporary cache)."""
    return network_from_csv(FULL_NODES, FULL_EDGES, cache_dir=cache_dir)


@pytest.fixture(scope="session")
def zones():
    return gpd.read_file(ZONES)


@pytest.fixture(scope="session")
def turin_grid(turin, zones):
    """Population cells and pieces of Turin on the full network."""
    return build_population_grid(zones, turin)


@pytest.fixture(scope="session")
def turin_points(turin):
    """Seeded random points over the city (EPSG:4326), drawn near network nodes."""
    rng = np.random.default_rng(20240501)
    idx = rng.choice(turin.n_nodes, size=60, replace=False)
    jitter = rng.normal(0.0, 40.0, size=(60, 2))
    lon, lat = unproject_xy(turin.x[idx] + jitter[:, 0], turin.y[idx] + jitter[:, 1])
    return lon, lat
