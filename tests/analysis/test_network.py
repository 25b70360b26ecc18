"""Compiling the walking network: undirected, no motorways, shortest parallel edge, one component."""

import numpy as np
from scipy.sparse.csgraph import connected_components, dijkstra

from geoplan.analysis.network import is_excluded_highway
from tests.analysis.factories import hand_network


def dist(network, a, b):
    ids = list(network.osmid)
    return dijkstra(network.graph, indices=ids.index(a))[ids.index(b)]


def test_it_collapses_parallel_edges_to_the_shortest():
    net = hand_network(
        {1: (0, 0), 2: (100, 0)},
        [(1, 2, 120.0), (1, 2, 100.0), (2, 1, 150.0), (2, 1, 101.0)],
    )
    assert net.n_edges == 1
    # coo -> csr would have summed these into 471 m.
    assert dist(net, 1, 2) == 100.0
    assert dist(net, 2, 1) == 100.0
    assert net.graph.has_canonical_format


def test_it_walks_one_way_streets_both_ways():
    net = hand_network({1: (0, 0), 2: (50, 0), 3: (100, 0)}, [(1, 2, 50.0), (2, 3, 50.0)])
    assert dist(net, 3, 1) == 100.0
    assert (net.graph != net.graph.T).nnz == 0


def test_it_drops_motorways_and_trunk_roads():
    nodes = {1: (0, 0), 2: (100, 0), 3: (200, 0), 4: (100, 300)}
    edges = [
        (1, 2, 100.0, "motorway"),
        (1, 4, 320.0, "residential"),
        (4, 2, 320.0, "residential"),
        (2, 3, 100.0, "trunk_link"),
        (2, 3, 400.0, "['motorway_link', 'trunk']"),
        (3, 4, 330.0, "['trunk', 'residential']"),
    ]
    net = hand_network(nodes, edges)
    assert dist(net, 1, 2) == 640.0
    # A merged edge stays when any of its ways is walkable.
    assert dist(net, 2, 3) == 320.0 + 330.0


def test_it_decides_list_valued_highways_by_every_value():
    assert is_excluded_highway("motorway")
    assert is_excluded_highway("['motorway', 'motorway_link']")
    assert is_excluded_highway(["trunk", "trunk_link"])
    assert not is_excluded_highway("['trunk', 'residential']")
    assert not is_excluded_highway("primary")
    assert not is_excluded_highway(float("nan"))
    assert not is_excluded_highway(None)


def test_it_keeps_only_the_largest_connected_component():
    nodes = {1: (0, 0), 2: (100, 0), 3: (200, 0), 10: (5000, 0), 11: (5100, 0), 12: (9000, 0)}
    edges = [(1, 2, 100.0), (2, 3, 100.0), (10, 11, 100.0)]
    net = hand_network(nodes, edges)
    assert sorted(net.osmid) == [1, 2, 3]
    assert net.n_edges == 2


def test_it_drops_self_loops_and_edges_to_unknown_nodes():
    net = hand_network({1: (0, 0), 2: (100, 0)}, [(1, 1, 5.0), (1, 2, 100.0), (2, 99, 7.0)])
    assert net.n_edges == 1
    assert net.length_m == 100.0


def test_it_keeps_projected_coordinates_in_metres():
    net = hand_network({1: (0, 0), 2: (300, 400)}, [(1, 2, 500.0)])
    i, j = list(net.osmid).index(1), list(net.osmid).index(2)
    assert abs(np.hypot(net.x[j] - net.x[i], net.y[j] - net.y[i]) - 500.0) < 1e-6
    u, v, w = net.edge_list()
    assert len(u) == 1 and w[0] == 500.0


def test_the_full_network_is_one_component_without_motorways(turin):
    assert connected_components(turin.graph, directed=False)[0] == 1
    assert 50_000 < turin.n_nodes < 52_432
    assert turin.graph.has_canonical_format
    assert len(turin.source_hash) == 64
