"""An edge reached from both of its ends is walked from each end up to where the two walks meet:
partial from both sides while they fall short, whole (and never drawn twice) once they meet."""

import numpy as np
import pytest
import shapely

from geoplan.analysis.isochrones import bands, reachable_segments, walk_from
from tests.analysis.factories import hand_network, local_lonlat


def inside(polygon, *xy_m) -> list[bool]:
    """Whether each point (metres east/north of the origin) is inside the EPSG:4326 polygon."""
    lon, lat = local_lonlat(xy_m)
    return [bool(b) for b in shapely.contains_xy(polygon, lon, lat)]


def piece_lengths(pieces) -> np.ndarray:
    return np.sort(np.hypot(*(pieces[:, 1] - pieces[:, 0]).T))


# A triangle: A(0, 0), B(300, 0), D(0, 300); B-D is the straight hypotenuse.
HYPOTENUSE = float(np.hypot(300, 300))
TRIANGLE = hand_network(
    {1: (0, 0), 2: (300, 0), 3: (0, 300)},
    [(1, 2, 300.0), (1, 3, 300.0), (2, 3, HYPOTENUSE)],
)
LON, LAT = (v[0] for v in local_lonlat([(0, 0)]))
WALK = walk_from(TRIANGLE, LON, LAT, 1000.0)


def test_short_of_meeting_each_end_gets_its_part():
    pieces = reachable_segments(TRIANGLE, WALK, 375.0)
    # A-B and A-D whole, then 75 m of B-D from B and 75 m from D.
    np.testing.assert_allclose(piece_lengths(pieces), [75, 75, 300, 300], atol=1e-3)


def test_once_they_meet_the_edge_is_whole_and_counted_once():
    pieces = reachable_segments(TRIANGLE, WALK, 520.0)
    # 220 m left at B and at D cover the 424 m of B-D: two halves that meet at its middle.
    lengths = piece_lengths(pieces)
    np.testing.assert_allclose(lengths, [HYPOTENUSE / 2] * 2 + [300, 300], atol=1e-3)
    assert lengths.sum() == pytest.approx(600 + HYPOTENUSE, abs=1e-3)


def test_the_middle_of_the_edge_is_outside_until_reached():
    short, long = bands(TRIANGLE, WALK, (5, 7))  # 375 m, then 525 m
    assert inside(short.polygon, (150, 150)) == [False]
    assert inside(long.polygon, (150, 150)) == [True]
