"""A bounded search on the nodes within straight-line reach gives the full network's distances."""

import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from geoplan.analysis.routing import bounded_network_m
from tests.analysis.factories import hand_network, node_index
from tests.analysis.synthetic import load_synthetic

synthetic = load_synthetic()


@pytest.fixture(scope="module")
def lattice():
    return synthetic.lattice_network(60, drop_share=0.1, seed=3)


def test_every_distance_within_the_bound_equals_the_full_search(lattice):
    rng = np.random.default_rng(0)
    sources = rng.integers(0, lattice.n_nodes, 12)
    targets = rng.integers(0, lattice.n_nodes, 800)
    for max_m in (150.0, 450.0, 1200.0):
        full = dijkstra(lattice.graph, indices=sources, limit=max_m)[:, targets]
        bounded = bounded_network_m(lattice, sources, targets, max_m)
        assert np.isfinite(full).any() and not np.isfinite(full).all()
        np.testing.assert_array_equal(bounded, full)


def test_an_edge_shorter_than_its_straight_line_widens_the_search():
    # A 2 km street A-B-C and a 500 m ferry-like link A-C whose length is a quarter of the
    # straight 2 km: C is 500 m from A, although 2 km away as the crow flies.
    net = hand_network(
        {1: (0, 0), 2: (1000, 0), 3: (2000, 0), 4: (3000, 0)},
        [(1, 2, 1000.0), (2, 3, 1000.0), (1, 3, 500.0), (3, 4, 1000.0)],
    )
    assert net.min_stretch == pytest.approx(0.25)
    a, c, d = (node_index(net, i) for i in (1, 3, 4))
    got = bounded_network_m(net, np.array([a]), np.array([c, d]), 1600.0)
    np.testing.assert_allclose(got, [[500.0, 1500.0]])
