"""The synthetic metropolitan street grid used for scale-out figures has the requested sizes."""

import numpy as np
import pandas as pd

from tests.analysis.synthetic import load_synthetic

synthetic = load_synthetic()


def test_it_builds_the_requested_lattice_cells_and_sites():
    city = synthetic.synthetic_city(side=40, n_cells=300, n_sites=21)
    lattice_edges = 2 * 40 * 39
    # A few edges removed, and the odd node they cut off, from a 40 x 40 lattice.
    assert 0.97 * 1600 <= city.network.n_nodes <= 1600
    assert 0.9 * lattice_edges <= city.network.n_edges < lattice_edges
    assert (city.network.weights_m == 100.0).all()
    assert len(city.cells) == len(city.pieces) == 300
    assert city.cells["h3"].is_unique and (city.cells["population"] > 0).all()
    assert len(city.sites) == 21
    assert city.sites["category"].value_counts().to_dict() == {c: 3 for c in city.categories}
    assert len(city.categories) == 7
    assert set(city.pieces["zone_code"]) <= set(city.indicators.index)


def test_it_places_everything_inside_the_lattice_in_metres():
    city = synthetic.synthetic_city(side=40, n_cells=300, n_sites=21)
    x, y = city.network.x, city.network.y
    np.testing.assert_allclose([x.max() - x.min(), y.max() - y.min()], [3900.0, 3900.0], atol=1e-3)


def test_the_same_arguments_give_the_same_city():
    a = synthetic.synthetic_city(side=30, n_cells=100, n_sites=14)
    b = synthetic.synthetic_city(side=30, n_cells=100, n_sites=14)
    np.testing.assert_array_equal(a.network.indices, b.network.indices)
    np.testing.assert_array_equal(a.network.x, b.network.x)
    pd.testing.assert_frame_equal(a.cells, b.cells)
    pd.testing.assert_frame_equal(a.sites, b.sites)
    pd.testing.assert_frame_equal(a.indicators, b.indicators)
