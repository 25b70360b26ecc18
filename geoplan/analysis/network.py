"""The walking network: compiled once from OSM data into CSR arrays, cached on disk by source hash.

Rules (see DESIGN.md, "Measures"):
- every edge is walkable both ways (the graph is undirected, one-way streets included);
- motorways and trunk roads (and their ``_link`` ramps) are removed. An OSMnx edge may carry a list of
  ``highway`` values when simplification merged ways; it is removed only when *every* listed value is a
  motorway/trunk class, because one walkable way in the merged chain means people can walk along it;
- parallel edges between the same two nodes collapse to the shortest one;
- only the largest connected component is kept, so every snapped point can reach every other one.

Coordinates: ``lon``/``lat`` in EPSG:4326, ``x``/``y`` in EPSG:32632 (UTM 32N, metres); weights in metres.
"""

from __future__ import annotations

import ast
import hashlib
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
from pyproj import Transformer
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

GEO_CRS = "EPSG:4326"
METRIC_CRS = "EPSG:32632"
# Bump whenever compilation rules or the cache layout change, so stale caches are never reused.
FORMAT_VERSION = 2
EXCLUDED_HIGHWAYS = frozenset({"motorway", "motorway_link", "trunk", "trunk_link"})

_ARRAYS = ("indptr", "indices", "weights_m", "osmid", "lon", "lat", "x", "y")


@lru_cache(maxsize=4)
def _transformer(src: str, dst: str) -> Transformer:
    return Transformer.from_crs(src, dst, always_xy=True)


def project_lonlat(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Project EPSG:4326 lon/lat (degrees) to EPSG:32632 x/y (metres)."""
    x, y = _transformer(GEO_CRS, METRIC_CRS).transform(
        np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    )
    return np.asarray(x, dtype=float), np.asarray(y, dtype=float)


def unproject_xy(x, y) -> tuple[np.ndarray, np.ndarray]:
    """Inverse of :func:`project_lonlat`: EPSG:32632 metres to EPSG:4326 degrees."""
    lon, lat = _transformer(METRIC_CRS, GEO_CRS).transform(
        np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    )
    return np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)


@dataclass(frozen=True, eq=False)
class WalkNetwork:
    """Undirected walking graph in CSR form (one row per node, both directions stored, nodes in osmid
    order).

    ``indptr``/``indices``/``weights_m`` are the CSR arrays (weights in metres); ``osmid``, ``lon``/``lat``
    (EPSG:4326) and ``x``/``y`` (EPSG:32632 metres) are per node. ``source_hash`` identifies the source data
    and the compilation rules.
    """

    indptr: np.ndarray
    indices: np.ndarray
    weights_m: np.ndarray
    osmid: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    x: np.ndarray
    y: np.ndarray
    source_hash: str

    @property
    def n_nodes(self) -> int:
        return len(self.osmid)

    @property
    def n_edges(self) -> int:
        """Number of undirected edges."""
        return len(self.indices) // 2

    @property
    def length_m(self) -> float:
        """Total street length in metres (each undirected edge once)."""
        return float(self.weights_m.sum() / 2.0)

    @cached_property
    def graph(self) -> sp.csr_matrix:
        """The symmetric sparse adjacency matrix (metres), as scipy.sparse.csgraph expects."""
        n = self.n_nodes
        return sp.csr_matrix((self.weights_m, self.indices, self.indptr), shape=(n, n))

    @cached_property
    def kdtree(self) -> cKDTree:
        """KD-tree on the projected node coordinates (EPSG:32632), for snapping."""
        return cKDTree(np.column_stack([self.x, self.y]))

    @cached_property
    def min_stretch(self) -> float:
        """The smallest ratio of an edge's length to the straight distance between its two nodes
        (EPSG:32632). A path of L metres then never strays farther than L / min_stretch metres in a
        straight line from its start, which bounds a limited search to a disc (see routing.py).
        About 0.996 on OSM data (lengths are great-circle, the metric CRS shrinks a little)."""
        u, v, length_m = self.edge_list()
        straight_m = np.hypot(self.x[v] - self.x[u], self.y[v] - self.y[u])
        moves = straight_m > 0  # an edge between coincident nodes leads nowhere farther
        return float(np.min(length_m[moves] / straight_m[moves], initial=np.inf))

    def node_index(self, osmid) -> np.ndarray:
        """Positions of OSM node ids in the node arrays (-1 where not in the network)."""
        ids = np.atleast_1d(np.asarray(osmid, dtype=np.int64))
        pos = np.clip(np.searchsorted(self.osmid, ids), 0, max(self.n_nodes - 1, 0))
        return np.where(self.osmid[pos] == ids, pos, -1)

    def edge_list(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Each undirected edge once: (u index, v index, length in metres) with u < v."""
        rows = np.repeat(np.arange(self.n_nodes), np.diff(self.indptr))
        keep = rows < self.indices
        return rows[keep], self.indices[keep], self.weights_m[keep]


def is_excluded_highway(value) -> bool:
    """True when an edge's ``highway`` (text, list, or list written as text) is only motorway/trunk."""
    if isinstance(value, str) and value.startswith("["):
        try:
            value = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            return False
    if isinstance(value, (list, tuple, set)):
        return len(value) > 0 and all(str(v) in EXCLUDED_HIGHWAYS for v in value)
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return False
    return str(value) in EXCLUDED_HIGHWAYS


def _excluded_mask(highway: Iterable) -> np.ndarray:
    # Few distinct values: decide once per value rather than once per edge. Lists (from an OSMnx
    # graph) are unhashable, so they are keyed by their text form, which is_excluded_highway reads.
    keys = [str(list(v)) if isinstance(v, (list, tuple, set)) else v for v in highway]
    codes, uniques = pd.factorize(pd.Series(keys, dtype=object), use_na_sentinel=True)
    decided = np.array([is_excluded_highway(u) for u in uniques] + [False], dtype=bool)
    return decided[codes]


def compile_network(
    osmid,
    lon,
    lat,
    u_osmid,
    v_osmid,
    length_m,
    highway: Iterable | None = None,
    source_hash: str = "",
) -> WalkNetwork:
    """Compile nodes (osmid, lon/lat EPSG:4326) and edges (u/v osmids, length in metres, highway)
    into a :class:`WalkNetwork` applying the rules of the module docstring."""
    osmid = np.asarray(osmid, dtype=np.int64)
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    u_osmid = np.asarray(u_osmid, dtype=np.int64)
    v_osmid = np.asarray(v_osmid, dtype=np.int64)
    length_m = np.asarray(length_m, dtype=float)
    # Nodes in osmid order: the compiled arrays then depend on the data, not on how it was listed.
    order = np.argsort(osmid, kind="stable")
    osmid, lon, lat = osmid[order], lon[order], lat[order]
    if (osmid[1:] == osmid[:-1]).any():
        raise ValueError("duplicate node osmid")

    keep = np.isfinite(length_m) & (u_osmid != v_osmid)  # self-loops never shorten a path
    if highway is not None:
        keep &= ~_excluded_mask(highway)

    def to_index(ids: np.ndarray) -> np.ndarray:
        pos = np.clip(np.searchsorted(osmid, ids), 0, len(osmid) - 1)
        return np.where(osmid[pos] == ids, pos, -1)

    u = to_index(u_osmid[keep])
    v = to_index(v_osmid[keep])
    w = length_m[keep]
    known = (u >= 0) & (v >= 0)
    u, v, w = u[known], v[known], w[known]

    # Undirected and parallel-free: key each edge by its (min, max) node pair and keep the shortest.
    # This reduction must happen before building the matrix, because coo -> csr SUMS duplicates.
    a, b = np.minimum(u, v), np.maximum(u, v)
    n = len(osmid)
    pair = a.astype(np.int64) * n + b
    srt = np.lexsort((w, pair))
    pair, w = pair[srt], w[srt]
    first = np.ones(len(pair), dtype=bool)
    first[1:] = pair[1:] != pair[:-1]
    pair, w = pair[first], w[first]
    a, b = pair // n, pair % n

    adj = sp.coo_matrix((np.r_[w, w], (np.r_[a, b], np.r_[b, a])), shape=(n, n)).tocsr()
    _, labels = connected_components(adj, directed=False)
    nodes_with_edges = np.diff(adj.indptr) > 0
    counts = np.bincount(labels[nodes_with_edges], minlength=labels.max() + 1)
    keep_nodes = np.flatnonzero(labels == np.argmax(counts))

    sub = adj[keep_nodes][:, keep_nodes].tocsr()
    sub.sort_indices()
    x, y = project_lonlat(lon[keep_nodes], lat[keep_nodes])
    return WalkNetwork(
        indptr=sub.indptr.astype(np.int64),
        indices=sub.indices.astype(np.int32),
        weights_m=sub.data.astype(float),
        osmid=osmid[keep_nodes],
        lon=lon[keep_nodes],
        lat=lat[keep_nodes],
        x=x,
        y=y,
        source_hash=source_hash,
    )


def _hash_sources(*parts: bytes | Path) -> str:
    h = hashlib.sha256(f"geoplan-walknet-v{FORMAT_VERSION}".encode())
    h.update(",".join(sorted(EXCLUDED_HIGHWAYS)).encode())
    for part in parts:
        if isinstance(part, Path):
            with part.open("rb") as f:
                for chunk in iter(lambda f=f: f.read(1 << 20), b""):
                    h.update(chunk)
        else:
            h.update(part)
        h.update(b"\0")
    return h.hexdigest()


def cache_path(cache_dir: str | Path, source_hash: str) -> Path:
    """Where the compiled network for ``source_hash`` lives inside ``cache_dir``."""
    return Path(cache_dir) / f"walknet-{source_hash}.npz"


def save_network(network: WalkNetwork, path: str | Path) -> None:
    """Write the network to an uncompressed .npz atomically (a reader never sees half a file)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".npz.tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(
                f,
                source_hash=np.array(network.source_hash),
                format_version=np.array(FORMAT_VERSION),
                **{name: getattr(network, name) for name in _ARRAYS},
            )
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_cached_network(path: str | Path) -> WalkNetwork:
    """Read a network written by :func:`save_network`."""
    with np.load(path, allow_pickle=False) as data:
        if int(data["format_version"]) != FORMAT_VERSION:
            raise ValueError(f"{path}: cache format {int(data['format_version'])} is stale")
        arrays = {name: data[name] for name in _ARRAYS}
        source_hash = str(data["source_hash"])
    if (np.diff(arrays["osmid"]) <= 0).any():
        raise ValueError(f"{path}: nodes are not in osmid order")
    return WalkNetwork(source_hash=source_hash, **arrays)


def _with_cache(cache_dir, source_hash: str, build) -> WalkNetwork:
    if cache_dir is None:
        return build()
    path = cache_path(cache_dir, source_hash)
    if path.exists():
        try:
            return load_cached_network(path)
        except (OSError, ValueError, KeyError):
            pass  # a corrupt or stale cache is rebuilt, never trusted
    network = build()
    save_network(network, path)
    return network


def network_from_csv(
    nodes_path: str | Path, edges_path: str | Path, cache_dir: str | Path | None = None
) -> WalkNetwork:
    """Load an OSMnx node/edge CSV pair (plain or zipped, EPSG:4326, lengths in metres).

    With ``cache_dir``, the compiled arrays are cached there as .npz keyed by the sha256 of both files
    (and of :data:`FORMAT_VERSION`), so a changed source or rule never reuses a stale network.
    """
    nodes_path, edges_path = Path(nodes_path), Path(edges_path)
    source_hash = _hash_sources(nodes_path, edges_path)

    def build() -> WalkNetwork:
        # Node points come from x/y: the WKT geometry column is rounded.
        nodes = pd.read_csv(nodes_path, usecols=["osmid", "x", "y"])
        edges = pd.read_csv(edges_path, usecols=["u", "v", "length", "highway"])
        return compile_network(
            nodes["osmid"], nodes["x"], nodes["y"], edges["u"], edges["v"], edges["length"],
            edges["highway"], source_hash,
        )  # fmt: skip

    return _with_cache(cache_dir, source_hash, build)


def network_from_graph(G, source_hash: str | None = None) -> WalkNetwork:
    """Convert an OSMnx (Multi)(Di)Graph with node ``x``/``y`` and edge ``length`` (metres) attributes.

    Node coordinates are read in the graph's ``crs`` (default EPSG:4326). Without ``source_hash``, one is
    derived from the graph's nodes and edges.
    """
    osmid = np.fromiter(G.nodes, dtype=np.int64, count=G.number_of_nodes())
    gx = np.array([d["x"] for _, d in G.nodes(data=True)], dtype=float)
    gy = np.array([d["y"] for _, d in G.nodes(data=True)], dtype=float)
    crs = G.graph.get("crs", GEO_CRS)
    if crs is not None and str(crs).upper() not in {GEO_CRS, "EPSG:4326", "WGS84"}:
        lon, lat = _transformer(str(crs), GEO_CRS).transform(gx, gy)
    else:
        lon, lat = gx, gy
    edges = list(G.edges(data=True))
    u = np.array([e[0] for e in edges], dtype=np.int64)
    v = np.array([e[1] for e in edges], dtype=np.int64)
    length_m = np.array([e[2].get("length", np.nan) for e in edges], dtype=float)
    highway = pd.Series([e[2].get("highway") for e in edges], dtype=object)
    if source_hash is None:
        source_hash = _hash_sources(
            osmid.tobytes(), np.round(np.c_[lon, lat], 7).tobytes(), u.tobytes(), v.tobytes(),
            np.round(length_m, 3).tobytes(), "|".join(map(str, highway)).encode(),
        )  # fmt: skip
    return compile_network(osmid, lon, lat, u, v, length_m, highway, source_hash)


def network_from_osm_file(path: str | Path, cache_dir: str | Path | None = None) -> WalkNetwork:
    """Build the walking network from an OSM XML extract (.osm) with OSMnx; cached by the file's sha256.

    OSMnx keeps every way with a ``highway`` tag; motorway/trunk are then removed by the compile rules.
    """
    import osmnx as ox  # heavy import, only needed for this path

    path = Path(path)
    source_hash = _hash_sources(b"osm-xml", path)

    def build() -> WalkNetwork:
        G = ox.graph_from_xml(path, bidirectional=True, simplify=True, retain_all=True)
        return network_from_graph(G, source_hash)

    return _with_cache(cache_dir, source_hash, build)


def network_from_place(place: str, cache_dir: str | Path | None = None) -> WalkNetwork:
    """Download OSMnx's ``walk`` network for a place name (needs the internet) and compile it.

    The download is not cached here (OSMnx has its own HTTP cache); the result's hash covers its content.
    """
    import osmnx as ox

    G = ox.graph_from_place(place, network_type="walk", retain_all=True)
    network = network_from_graph(G)
    if cache_dir is not None:
        save_network(network, cache_path(cache_dir, network.source_hash))
    return network
