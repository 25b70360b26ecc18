"""A walk along one straight street: each band reaches the whole edges within its minutes and
the exact part of the next one, widened by 50 m."""

import numpy as np
import pytest
import shapely

from geoplan.analysis.isochrones import BUFFER_M, isochrones, reachable_segments, walk_from
from tests.analysis.factories import hand_network, local_lonlat

# 4.5 km/h: 75 m a minute.
M_PER_MIN = 75.0


def inside(polygon, *xy_m) -> list[bool]:
    """Whether each point (metres east/north of the origin) is inside the EPSG:4326 polygon."""
    lon, lat = local_lonlat(xy_m)
    return [bool(b) for b in shapely.contains_xy(polygon, lon, lat)]


def piece_lengths(pieces) -> np.ndarray:
    return np.sort(np.hypot(*(pieces[:, 1] - pieces[:, 0]).T))


# A(0) - B(500) - C(1000) - D(1500) - E(2000), metres east of the origin, straight edges.
STREET = hand_network(
    {1: (0, 0), 2: (500, 0), 3: (1000, 0), 4: (1500, 0), 5: (2000, 0)},
    [(1, 2, 500.0), (2, 3, 500.0), (3, 4, 500.0), (4, 5, 500.0)],
)


def from_a(minutes):
    lon, lat = local_lonlat([(0, 0)])
    return isochrones(STREET, lon[0], lat[0], minutes)


def test_each_band_reaches_as_far_as_its_minutes_allow():
    bands = from_a((5, 10, 15, 20))
    assert [b.minutes for b in bands] == [5, 10, 15, 20]
    # 375, 750, 1125 and 1500 m of street, from A eastwards.
    np.testing.assert_allclose([b.street_m for b in bands], [375, 750, 1125, 1500], atol=1e-3)


def test_the_pieces_are_whole_edges_and_the_part_of_the_next_one():
    lon, lat = local_lonlat([(0, 0)])
    walk = walk_from(STREET, lon[0], lat[0], 20 * M_PER_MIN)
    pieces = reachable_segments(STREET, walk, 10 * M_PER_MIN)
    # A-B whole, then 250 m of B-C: the piece ends at 750 m east of A.
    np.testing.assert_allclose(piece_lengths(pieces), [250.0, 500.0], atol=1e-3)
    assert pieces[:, :, 0].max() == pytest.approx(pieces[:, :, 0].min() + 750.0, abs=1e-3)


def test_the_band_is_the_street_widened_by_fifty_metres():
    five = from_a((5,))[0]
    assert BUFFER_M == 50.0
    # The piece ends 375 m east, with a round end of 50 m; the sides are 50 m from the street.
    assert inside(five.polygon, (375 + 48, 0), (200, 48), (200, -48), (-48, 0)) == [True] * 4
    assert inside(five.polygon, (375 + 52, 0), (200, 52), (200, -52), (-52, 0)) == [False] * 4
    # A 375 m by 100 m strip and two half discs of 50 m (the outline is within 1 m of circles).
    assert five.area_m2 == pytest.approx(375 * 100 + np.pi * 50**2, rel=0.01)


def test_a_longer_band_goes_beyond_a_shorter_one():
    five, ten = from_a((5, 10))
    assert inside(ten.polygon, (700, 0), (790, 0)) == [True, True]
    assert inside(five.polygon, (700, 0)) == [False]
    assert inside(ten.polygon, (810, 0)) == [False]
