"""Walking distances on the full Turin network, cross-checked against networkx."""

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from scipy.sparse.csgraph import dijkstra

from geoplan.analysis.network import project_lonlat
from geoplan.analysis.routing import Snapped, nearest_m, snap_points, walk_distance_m
from tests.analysis.factories import FULL_EDGES

NOT_WALKABLE = {"motorway", "motorway_link", "trunk", "trunk_link"}


@pytest.fixture(scope="module")
def nx_graph():
    """An independent networkx build: undirected, motorways out, shortest parallel edge, largest part."""
    edges = pd.read_csv(FULL_EDGES, usecols=["u", "v", "length", "highway"])
    edges = edges[~edges["highway"].isin(NOT_WALKABLE) & (edges["u"] != edges["v"])]
    G = nx.Graph()
    for u, v, length in zip(edges["u"], edges["v"], edges["length"], strict=True):
        if not G.has_edge(u, v) or G[u][v]["length"] > length:
            G.add_edge(u, v, length=length)
    return G.subgraph(max(nx.connected_components(G), key=len)).copy()


def test_it_keeps_the_same_nodes_as_networkx(turin, nx_graph):
    assert set(turin.osmid.tolist()) == set(nx_graph.nodes)
    assert turin.n_edges == nx_graph.number_of_edges()


def test_distances_equal_networkx_to_the_centimetre(turin, nx_graph):
    rng = np.random.default_rng(7)
    pairs = rng.choice(turin.n_nodes, size=(20, 2), replace=False)
    ours = dijkstra(turin.graph, indices=pairs[:, 0])[np.arange(20), pairs[:, 1]]
    theirs = [
        nx.shortest_path_length(nx_graph, turin.osmid[a], turin.osmid[b], weight="length")
        for a, b in pairs
    ]
    assert np.all(ours > 100.0)  # real trips, not neighbours
    np.testing.assert_allclose(ours, theirs, rtol=0, atol=0.01)


def test_walk_distance_adds_both_snap_legs(turin, nx_graph, turin_points):
    lon, lat = turin_points
    x, y = project_lonlat(lon[:2], lat[:2])
    # Brute-force nearest nodes, independently of the KD-tree.
    d = np.hypot(turin.x[None, :] - x[:, None], turin.y[None, :] - y[:, None])
    a, b = d.argmin(axis=1)
    expected = (
        d[0, a]
        + d[1, b]
        + nx.shortest_path_length(nx_graph, turin.osmid[a], turin.osmid[b], weight="length")
    )
    assert walk_distance_m(turin, lon[0], lat[0], lon[1], lat[1]) == pytest.approx(
        expected, abs=0.01
    )


def test_adding_a_site_never_increases_any_nearest_time(turin, turin_points):
    lon, lat = turin_points
    cells = snap_points(turin, lon[10:], lat[10:])
    sites = snap_points(turin, lon[:10], lat[:10])
    before = nearest_m(turin, sites.subset(slice(0, 1)), cells)
    for k in range(2, 11):
        after = nearest_m(turin, sites.subset(slice(0, k)), cells)
        assert np.all(after <= before + 1e-9)
        before = after


def test_multi_source_equals_the_minimum_over_single_sources(turin, turin_points):
    lon, lat = turin_points
    cells = snap_points(turin, lon[10:], lat[10:])
    sites = snap_points(turin, lon[:10], lat[:10])
    walk_m, which = nearest_m(turin, sites, cells, return_source=True)
    single = np.array([nearest_m(turin, sites.subset([k]), cells) for k in range(10)])
    np.testing.assert_allclose(walk_m, single.min(axis=0), rtol=0, atol=1e-6)
    np.testing.assert_allclose(single[which, np.arange(len(cells))], walk_m, rtol=0, atol=1e-6)
    assert isinstance(sites, Snapped)
