"""Walking costs on a :class:`~geoplan.analysis.network.WalkNetwork`.

A point (site or population cell) is snapped to its nearest network node (Euclidean in EPSG:32632) and the
straight snap leg is walked too: walk_m(i, j) = snap_i + network_m(i, j) + snap_j (DESIGN.md, "Measures").
Distances are metres, times minutes, speeds km/h.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from geoplan.analysis.network import WalkNetwork, project_lonlat

DEFAULT_SPEED_KMH = 4.5
SLOW_SPEED_KMH = 3.0
# Sources per Dijkstra batch in cost tables: bounds memory to batch x n_nodes float64.
_BATCH = 64


def minutes_from_m(walk_m, speed_kmh: float = DEFAULT_SPEED_KMH):
    """Walking minutes for a distance in metres at ``speed_kmh`` (inf stays inf)."""
    return np.asarray(walk_m, dtype=float) * (60.0 / (speed_kmh * 1000.0))


def m_from_minutes(walk_min, speed_kmh: float = DEFAULT_SPEED_KMH):
    """Metres walked in ``walk_min`` minutes at ``speed_kmh``."""
    return np.asarray(walk_min, dtype=float) * (speed_kmh * 1000.0 / 60.0)


@dataclass(frozen=True, eq=False)
class Snapped:
    """Points snapped to a network: ``node`` index per point and straight ``snap_m`` leg (metres)."""

    node: np.ndarray
    snap_m: np.ndarray

    def __len__(self) -> int:
        return len(self.node)

    def subset(self, mask_or_index) -> Snapped:
        return Snapped(self.node[mask_or_index], self.snap_m[mask_or_index])


def snap_points(network: WalkNetwork, lon, lat) -> Snapped:
    """Snap EPSG:4326 points to their nearest node (Euclidean distance in EPSG:32632 metres).

    The network holds only its largest connected component, so every snapped point reaches every other.
    """
    x, y = project_lonlat(np.atleast_1d(lon), np.atleast_1d(lat))
    if len(x) == 0:
        return Snapped(np.zeros(0, dtype=np.int64), np.zeros(0))
    dist, idx = network.kdtree.query(np.column_stack([x, y]))
    return Snapped(np.asarray(idx, dtype=np.int64), np.asarray(dist, dtype=float))


def _with_super_source(network: WalkNetwork, nodes: np.ndarray, offset_m: np.ndarray):
    """The network plus one virtual node (index n_nodes) linked to ``nodes`` by ``offset_m``.

    A single Dijkstra from it gives, at every node, min over sources of (offset + network distance), which
    is how each source's own snap leg enters a multi-source search. Only the new node has out-edges to
    the sources, so nothing can route *through* it.
    """
    n = network.n_nodes
    # One link per node (the shortest offset): duplicate CSR entries are not reliable across scipy.
    order = np.lexsort((offset_m, nodes))
    nodes, offset_m = nodes[order], offset_m[order]
    first = np.r_[True, nodes[1:] != nodes[:-1]]
    nodes, offset_m = nodes[first], offset_m[first]
    indptr = np.r_[network.indptr, network.indptr[-1] + len(nodes)]
    indices = np.r_[network.indices, nodes.astype(network.indices.dtype)]
    weights = np.r_[network.weights_m, offset_m]
    return sp.csr_matrix((weights, indices, indptr), shape=(n + 1, n + 1)), nodes


def nearest_source_m(
    network: WalkNetwork, sources: Snapped, limit_m: float = np.inf, return_source: bool = False
):
    """Metres from every node to its nearest source, the source's snap leg included (nodes' own snap not).

    Nodes farther than ``limit_m`` (or every node when there is no source) get ``inf``. With
    ``return_source``, also the position in ``sources`` of the nearest source per node (-1 if none).
    """
    n = network.n_nodes
    if len(sources) == 0:
        dist = np.full(n, np.inf)
        return (dist, np.full(n, -1, dtype=np.int64)) if return_source else dist
    graph, linked = _with_super_source(network, sources.node, sources.snap_m)
    if not return_source:
        return dijkstra(graph, indices=n, limit=limit_m)[:n]
    dist, pred = dijkstra(graph, indices=n, limit=limit_m, return_predecessors=True)
    dist, pred = dist[:n], pred[:n]
    # Each node's nearest source is the root of its shortest-path tree branch: the node whose
    # predecessor is the super source. Pointer doubling finds it in O(log depth) vector steps.
    root = np.where(pred == n, np.arange(n), pred)
    unreached = pred < 0
    root[unreached] = np.flatnonzero(unreached)
    while True:
        nxt = root[root]
        if np.array_equal(nxt, root):
            break
        root = nxt
    # Sources sharing a node: the one with the shortest snap leg is the one linked.
    best = np.lexsort((sources.snap_m, sources.node))
    first = best[np.r_[True, sources.node[best][1:] != sources.node[best][:-1]]]
    source_at_node = np.full(n, -1, dtype=np.int64)
    source_at_node[sources.node[first]] = first
    which = np.where(unreached, -1, source_at_node[root])
    return dist, which


def nearest_m(
    network: WalkNetwork,
    sources: Snapped,
    points: Snapped,
    limit_m: float = np.inf,
    return_source: bool = False,
):
    """Walk metres from each point to its nearest source, snap legs of both included (inf if none)."""
    result = nearest_source_m(network, sources, limit_m, return_source)
    dist, which = result if return_source else (result, None)
    walk_m = dist[points.node] + points.snap_m
    if np.isfinite(limit_m):
        walk_m[walk_m > limit_m] = np.inf
    if not return_source:
        return walk_m
    which = np.where(np.isfinite(walk_m), which[points.node], -1)
    return walk_m, which


def cost_table(
    network: WalkNetwork, sources: Snapped, points: Snapped, max_m: float
) -> pd.DataFrame:
    """Long-form table of every (source, point) pair within ``max_m`` walking metres.

    Columns: ``source`` and ``point`` (positions in the inputs) and ``walk_m`` (snap legs included).
    """
    parts = []
    uniq, inverse = np.unique(sources.node, return_inverse=True)
    for start in range(0, len(uniq), _BATCH):
        batch = uniq[start : start + _BATCH]
        net_m = bounded_network_m(network, batch, points.node, max_m)
        for s in np.flatnonzero((inverse >= start) & (inverse < start + len(batch))):
            walk_m = sources.snap_m[s] + net_m[inverse[s] - start] + points.snap_m
            hit = np.flatnonzero(walk_m <= max_m)
            parts.append((np.full(len(hit), s, dtype=np.int64), hit, walk_m[hit]))
    if not parts:
        return pd.DataFrame(
            {"source": np.zeros(0, np.int64), "point": np.zeros(0, np.int64), "walk_m": []}
        )
    src, pts, walk = (np.concatenate(col) for col in zip(*parts, strict=True))
    return pd.DataFrame({"source": src, "point": pts.astype(np.int64), "walk_m": walk})


def bounded_network_m(
    network: WalkNetwork, sources: np.ndarray, targets: np.ndarray, max_m: float
) -> np.ndarray:
    """Network metres from each source node to each target node, ``inf`` beyond ``max_m``:
    an array of shape (len(sources), len(targets)); nodes are positions in the network.

    The search runs on the nodes within a straight ``max_m / network.min_stretch`` metres of the
    sources when they are few: a path of at most ``max_m`` never leaves that disc, so the subgraph
    holds each such path whole and the distances equal the full network's. On a large network this
    avoids a dense (sources x every node) result per batch; the answer is the same either way.
    """
    sources = np.asarray(sources, dtype=np.int64)
    targets = np.asarray(targets, dtype=np.int64)
    radius_m = max_m / network.min_stretch if network.min_stretch > 0 else np.inf
    if len(sources) and np.isfinite(radius_m):
        # A hair wider than the bound, so rounding in the straight distances never cuts a path.
        near = network.kdtree.query_ball_point(
            np.column_stack([network.x[sources], network.y[sources]]), r=radius_m * (1 + 1e-9)
        )
        nodes = np.unique(np.concatenate([np.asarray(n, dtype=np.int64) for n in near]))
        if len(nodes) < network.n_nodes // 2:
            sub = network.graph[nodes][:, nodes]
            local = np.minimum(np.searchsorted(nodes, targets), len(nodes) - 1)
            inside = nodes[local] == targets
            out = np.full((len(sources), len(targets)), np.inf)
            dist = dijkstra(sub, indices=np.searchsorted(nodes, sources), limit=max_m)
            out[:, inside] = dist[:, local[inside]]
            return out
    return dijkstra(network.graph, indices=sources, limit=max_m)[:, targets]


def walk_distance_m(network: WalkNetwork, lon1, lat1, lon2, lat2) -> float:
    """Walking metres between two EPSG:4326 points: both snap legs plus the network shortest path."""
    a = snap_points(network, lon1, lat1)
    b = snap_points(network, lon2, lat2)
    net_m = dijkstra(network.graph, indices=int(a.node[0]))[b.node[0]]
    return float(a.snap_m[0] + net_m + b.snap_m[0])
