"""Deterministic hand-made networks and the paths of the real Turin fixtures, for the analysis tests."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from geoplan.analysis.network import compile_network, unproject_xy

ROOT = Path(__file__).resolve().parents[2]
NETWORK_DIR = ROOT / "fixtures" / "network"
FULL_NODES = NETWORK_DIR / "turin_biketrackcarall_nodes.zip"
FULL_EDGES = NETWORK_DIR / "turin_biketrackcarall_edges.zip"
SIMPLIFIED_NODES = NETWORK_DIR / "turin_biketrackcarall_simplified_nodes.zip"
SIMPLIFIED_EDGES = NETWORK_DIR / "turin_biketrackcarall_simplified_edges.zip"
ZONES = ROOT / "fixtures" / "zones" / "zone_statistiche_pop2023.geojson"
SITES = ROOT / "fixtures" / "services" / "sites_from_public_sources.csv"
TINY_OSM = ROOT / "fixtures" / "tests" / "turin_tiny.osm"

# Hand-made networks are laid out in metres around a point of Turin, in EPSG:32632.
ORIGIN_X, ORIGIN_Y = 396_000.0, 4_991_000.0


def local_lonlat(xy_m) -> tuple[np.ndarray, np.ndarray]:
    """EPSG:4326 lon/lat of points given in metres east/north of the hand-made origin."""
    xy = np.asarray(xy_m, dtype=float).reshape(-1, 2)
    return unproject_xy(ORIGIN_X + xy[:, 0], ORIGIN_Y + xy[:, 1])


def hand_network(nodes: dict[int, tuple[float, float]], edges: list[tuple]):
    """A network from ``{osmid: (east_m, north_m)}`` and ``(u, v, length_m[, highway])`` edges."""
    ids = list(nodes)
    lon, lat = local_lonlat([nodes[i] for i in ids])
    u = [e[0] for e in edges]
    v = [e[1] for e in edges]
    length = [e[2] for e in edges]
    highway = [e[3] if len(e) > 3 else "residential" for e in edges]
    return compile_network(ids, lon, lat, u, v, length, highway, source_hash="hand")


def node_index(network, osmid: int) -> int:
    """Position of an OSM node id in the network's arrays."""
    return int(network.node_index(osmid)[0])
