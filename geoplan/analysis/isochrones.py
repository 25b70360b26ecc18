"""Walking isochrones: the streets reachable on foot from a point within T minutes, as areas.

From a point (EPSG:4326) the walk starts with the straight snap leg to the nearest network node, then
follows the network (DESIGN.md, "Measures"). A band of T minutes is made of

- the snap leg, when it can be walked within T (otherwise the band is empty: the network is out
  of reach);
- every whole edge whose two ends are reached within T and whose length the time left at its ends
  covers (from one end, or from both ends meeting in the middle);
- the reachable part of every other edge with a reached end: a piece starting at that end, as long as
  the metres left there, cut at that fraction of the straight segment between the edge's nodes (edges
  of the network run straight from node to node, so the fraction is exact);

each piece widened by :data:`BUFFER_M` metres on every side (round ends) in EPSG:32632, all unioned.
Bands nest: each band is unioned with the band before it, so a rounding of the buffers never lets a
shorter band stick out of a longer one.

Distances are metres (EPSG:32632), times minutes, speeds km/h; polygons are returned in EPSG:4326.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely
from scipy.sparse.csgraph import dijkstra

from geoplan.analysis.network import WalkNetwork, project_lonlat, unproject_xy
from geoplan.analysis.routing import DEFAULT_SPEED_KMH, m_from_minutes, snap_points

# Half the width of a walking band around a reachable street: about the depth of a building
# from the street, so a door on a reachable street falls inside the band.
BUFFER_M = 50.0
# Segments per quarter circle of the buffers' round ends and joins: 4 keeps the outline within
# 1 m of the true circle (50 m x (1 - cos 11.25°)) with half of GEOS' default vertices.
QUAD_SEGS = 4


@dataclass(frozen=True, eq=False)
class Walk:
    """Where a walk from one point reaches, up to ``limit_m`` metres.

    ``start_xy``: the point in EPSG:32632 metres; ``node``/``snap_m``: its nearest node and the straight
    leg to it (metres); ``walked_m``: per network node, metres from the point (snap leg included),
    ``inf`` beyond ``limit_m``.
    """

    start_xy: tuple[float, float]
    node: int
    snap_m: float
    walked_m: np.ndarray
    limit_m: float


@dataclass(frozen=True, eq=False)
class Band:
    """One isochrone band: ``minutes``, its area ``polygon`` (EPSG:4326, a Polygon or MultiPolygon,
    empty when nothing is reachable), ``area_m2`` (measured in EPSG:32632) and ``street_m``, the
    length of the reachable street pieces (snap leg included) before widening, in metres."""

    minutes: float
    polygon: shapely.Geometry
    area_m2: float
    street_m: float


def walk_from(network: WalkNetwork, lon: float, lat: float, limit_m: float) -> Walk:
    """Walk from an EPSG:4326 point over ``network`` up to ``limit_m`` metres (snap leg included).

    The search runs on the nodes within a straight ``limit / min_stretch`` metres of the snapped node
    (no walk of that length leaves the disc, see routing.bounded_network_m), so its cost follows the
    size of the walk, not of the city.
    """
    snapped = snap_points(network, lon, lat)
    node, snap_m = int(snapped.node[0]), float(snapped.snap_m[0])
    x, y = project_lonlat([lon], [lat])
    walked = np.full(network.n_nodes, np.inf)
    budget_m = limit_m - snap_m
    if budget_m >= 0:
        stretch = network.min_stretch if network.min_stretch > 0 else 0.0
        radius_m = budget_m / stretch if stretch else np.inf
        if np.isfinite(radius_m):
            near = np.asarray(
                network.kdtree.query_ball_point(
                    (network.x[node], network.y[node]), r=radius_m * (1 + 1e-9)
                ),
                dtype=np.int64,
            )
            near.sort()
            sub = network.graph[near][:, near]
            dist = dijkstra(sub, indices=int(np.searchsorted(near, node)), limit=budget_m)
            walked[near] = dist + snap_m
        else:
            walked = dijkstra(network.graph, indices=node, limit=budget_m) + snap_m
    return Walk((float(x[0]), float(y[0])), node, snap_m, walked, float(limit_m))


def reachable_segments(
    network: WalkNetwork, walk: Walk, budget_m: float, from_m: float = -np.inf
) -> np.ndarray:
    """The street pieces walked within ``budget_m`` metres from the point (``budget_m <=
    walk.limit_m``), only their parts walked beyond ``from_m`` metres: an array of shape (n, 2, 2),
    each piece's two ends in EPSG:32632 metres.

    Empty when ``budget_m`` does not cover the snap leg. A point of an edge is reached from the end
    that gets there first, so the pieces never overlap: an edge reached from both ends within the
    budget is drawn as two pieces meeting where both walks take as long, a whole edge in all. The
    snap leg is a piece too (within ``from_m``: only the rings that first cover it).
    """
    if budget_m > walk.limit_m + 1e-9:
        raise ValueError("budget_m is beyond the walk's limit: walk farther first")
    if budget_m < walk.snap_m:
        return np.zeros((0, 2, 2))
    reached = np.flatnonzero(walk.walked_m <= budget_m)
    counts = np.diff(network.indptr)[reached]
    # Every half-edge i -> j leaving a reached node i, from the CSR rows of those nodes.
    i = np.repeat(reached, counts)
    offsets = np.cumsum(counts) - counts
    pos = np.repeat(network.indptr[reached] - offsets, counts) + np.arange(len(i))
    j = network.indices[pos].astype(np.int64)
    length_m = network.weights_m[pos]
    d_i, d_j = walk.walked_m[i], walk.walked_m[j]
    # Metres along the edge from i: the piece runs from where the walk passes from_m to where it
    # runs out of budget, or to where the walk from j arrives first (inf - inf cannot occur: i is
    # reached).
    meet_m = (d_j + length_m - d_i) / 2.0
    start_m = np.clip(from_m - d_i, 0.0, length_m)
    stop_m = np.minimum.reduce([length_m, meet_m, budget_m - d_i])
    keep = stop_m > start_m
    i, j, length_m, start_m, stop_m = i[keep], j[keep], length_m[keep], start_m[keep], stop_m[keep]
    # Cut at the same fraction of the straight segment between the nodes (edges are straight).
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(length_m > 0, start_m / length_m, 0.0)[:, None]
        b = np.where(length_m > 0, stop_m / length_m, 1.0)[:, None]
    p, q = np.c_[network.x[i], network.y[i]], np.c_[network.x[j], network.y[j]]
    pieces = np.stack([p + a * (q - p), p + b * (q - p)], axis=1)
    if walk.snap_m > 0 and from_m < walk.snap_m:
        node_xy = (network.x[walk.node], network.y[walk.node])
        pieces = np.concatenate([np.array([[walk.start_xy, node_xy]], dtype=float), pieces])
    return pieces


def band_area(segments: np.ndarray, buffer_m: float = BUFFER_M) -> shapely.Geometry:
    """The union of the pieces (n, 2, 2) in EPSG:32632, each widened by ``buffer_m`` metres on every
    side with round ends; an empty polygon for no piece. Stays in EPSG:32632."""
    if len(segments) == 0:
        return shapely.Polygon()
    # Pieces joined end to end into chains between junctions first: a street's many short
    # edges (9 m is typical in Turin) then make one buffer instead of dozens of overlapping ones,
    # which the union would have to cut apart again (3x faster; the outline is the same).
    chains = shapely.get_parts(
        shapely.line_merge(shapely.multilinestrings(shapely.linestrings(segments)))
    )
    return shapely.union_all(shapely.buffer(chains, buffer_m, quad_segs=QUAD_SEGS))


def to_lonlat(geometry: shapely.Geometry) -> shapely.Geometry:
    """A geometry in EPSG:32632 metres, moved to EPSG:4326 degrees."""

    def move(xy):
        lon, lat = unproject_xy(xy[:, 0], xy[:, 1])
        return np.column_stack([lon, lat])

    return shapely.transform(geometry, move)


def bands(
    network: WalkNetwork,
    walk: Walk,
    minutes=(5, 10, 15, 20),
    speed_kmh: float = DEFAULT_SPEED_KMH,
    buffer_m: float = BUFFER_M,
) -> list[Band]:
    """The bands of ``minutes`` (in that order) at ``speed_kmh`` of a walk that went far enough
    (:func:`walk_from` up to the longest band's metres); each band contains every shorter one."""
    budgets_m = {m: float(m_from_minutes(m, speed_kmh)) for m in map(float, minutes)}
    # Band by band, only the ring walked since the band before is widened and added to it: the
    # bands nest by construction, and the longest band costs about what it would alone.
    done, area, street_m, from_m = {}, shapely.Polygon(), 0.0, -np.inf
    for m in sorted(budgets_m):
        ring = reachable_segments(network, walk, budgets_m[m], from_m)
        if len(ring):
            area = shapely.union_all([area, band_area(ring, buffer_m)])
            street_m += float(np.hypot(*(ring[:, 1] - ring[:, 0]).T).sum())
        if budgets_m[m] >= walk.snap_m:
            from_m = budgets_m[m]
        done[m] = Band(m, to_lonlat(area), float(area.area), street_m)
    return [done[float(m)] for m in minutes]


def isochrones(
    network: WalkNetwork,
    lon: float,
    lat: float,
    minutes=(5, 10, 15, 20),
    speed_kmh: float = DEFAULT_SPEED_KMH,
    buffer_m: float = BUFFER_M,
) -> list[Band]:
    """The walking bands from an EPSG:4326 point, one per entry of ``minutes`` (in that order), at
    ``speed_kmh``; each band contains every shorter one. One bounded search serves every band."""
    if len(minutes) == 0:
        return []
    walk = walk_from(network, lon, lat, float(m_from_minutes(max(minutes), speed_kmh)))
    return bands(network, walk, minutes, speed_kmh, buffer_m)


def people_within(walk: Walk, node, snap_m, population, budget_m: float) -> int:
    """How many of the people at places snapped to ``node`` (positions in the network) with straight
    legs ``snap_m`` (metres) reach the walk's point within ``budget_m`` metres, both legs walked:
    the coverage rule of the measures, applied to one point."""
    walked = walk.walked_m[np.asarray(node, dtype=np.int64)] + np.asarray(snap_m, dtype=float)
    return int(np.asarray(population)[walked <= budget_m].sum())
