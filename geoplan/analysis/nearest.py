"""The nearest targets on foot from one point, and the walking route to each.

The same walk as everywhere in geoplan (routing.py): the point's straight snap leg to its nearest
node, the shortest path over the network, and the target's own snap leg. One Dijkstra from the
point's node serves every target; it is bounded first, because almost every answer lies within a
few kilometres, and widened only when too few targets were reached.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.sparse.csgraph import dijkstra

from geoplan.analysis.network import WalkNetwork, unproject_xy
from geoplan.analysis.routing import Snapped, snap_points

# The first search is bounded to this multiple of the straight distance to the k-th nearest
# target (plus a margin for the snap legs): walks in Turin are rarely 1.6 times longer than the
# straight line, so it almost always reaches k targets. A search over the whole city takes
# ~16 ms, one bounded to 3 km ~2 ms; when too few are reached, the whole city is searched.
DETOUR_FACTOR = 1.6
MARGIN_M = 300.0


@dataclass(frozen=True)
class Reached:
    """Targets in walking order: ``order`` (positions in the targets given), ``walk_m``, and
    with routes, each one's path as (lon, lat) pairs from the point to the target."""

    order: np.ndarray
    walk_m: np.ndarray
    routes: list[list[tuple[float, float]]] | None = None
    # The straight leg from the point to the network.
    origin_snap_m: float = 0.0


def _path_nodes(predecessors: np.ndarray, start: int, end: int) -> list[int]:
    nodes = [end]
    while nodes[-1] != start:
        previous = predecessors[nodes[-1]]
        if previous < 0:  # not reached: cannot happen for a finite distance
            return []
        nodes.append(int(previous))
    return nodes[::-1]


def nearest_targets(
    network: WalkNetwork,
    lon: float,
    lat: float,
    targets: Snapped,
    target_lonlat: np.ndarray,
    k: int,
    with_routes: bool = False,
) -> Reached:
    """The ``k`` targets nearest on foot from (lon, lat); unreachable ones are left out.

    ``target_lonlat`` (n x 2) are the targets' own positions, where their routes end.
    """
    origin = snap_points(network, lon, lat)
    start, start_m = int(origin.node[0]), float(origin.snap_m[0])
    k = min(k, len(targets))
    if k == 0:
        return Reached(np.zeros(0, np.int64), np.zeros(0), [] if with_routes else None, start_m)
    straight = np.hypot(
        network.x[targets.node] - network.x[start], network.y[targets.node] - network.y[start]
    )
    first_limit = float(np.partition(straight, k - 1)[k - 1]) * DETOUR_FACTOR + MARGIN_M
    for limit in (first_limit, np.inf):
        # Within `limit` network metres of the point's node; the snap legs come on top.
        dist, pred = dijkstra(network.graph, indices=start, limit=limit, return_predecessors=True)
        walk_m = start_m + dist[targets.node] + targets.snap_m
        if np.isfinite(walk_m).sum() >= k:
            break
    reachable = np.flatnonzero(np.isfinite(walk_m))
    order = reachable[np.argsort(walk_m[reachable], kind="stable")][:k]
    routes = None
    if with_routes:
        routes = []
        for i in order:
            nodes = _path_nodes(pred, start, int(targets.node[i]))
            node_lon, node_lat = unproject_xy(network.x[nodes], network.y[nodes])
            line = [(float(lon), float(lat))]
            line += [(float(a), float(b)) for a, b in zip(node_lon, node_lat, strict=True)]
            line.append((float(target_lonlat[i][0]), float(target_lonlat[i][1])))
            routes.append(line)
    return Reached(order, walk_m[order], routes, start_m)
