"""A point off the network walks its straight leg to the nearest node first: the leg takes
minutes from every band, is part of the band, and a band shorter than the leg is empty."""

import numpy as np
import shapely

from geoplan.analysis.isochrones import isochrones
from tests.analysis.factories import hand_network, local_lonlat


def inside(polygon, *xy_m) -> list[bool]:
    """Whether each point (metres east/north of the origin) is inside the EPSG:4326 polygon."""
    lon, lat = local_lonlat(xy_m)
    return [bool(b) for b in shapely.contains_xy(polygon, lon, lat)]


# A(0) - B(500) - C(1000), metres east of the origin; the point is 100 m south of A.
STREET = hand_network({1: (0, 0), 2: (500, 0), 3: (1000, 0)}, [(1, 2, 500.0), (2, 3, 500.0)])
LON, LAT = (v[0] for v in local_lonlat([(0, -100)]))


def test_the_snap_leg_takes_its_minutes_from_the_band():
    five = isochrones(STREET, LON, LAT, (5,))[0]
    # 375 m in all: 100 m of leg, then 275 m of street east of A.
    np.testing.assert_allclose(five.street_m, 375.0, atol=1e-3)
    assert inside(five.polygon, (0, -100), (0, -50), (275 + 45, 0)) == [True] * 3
    assert inside(five.polygon, (275 + 55, 0)) == [False]


def test_a_band_shorter_than_the_snap_leg_is_empty():
    one, five = isochrones(STREET, LON, LAT, (1, 5))  # 75 m < 100 m of leg
    assert one.polygon.is_empty and one.area_m2 == 0 and one.street_m == 0
    assert not five.polygon.is_empty


def test_a_point_too_far_from_the_network_reaches_nothing():
    lon, lat = local_lonlat([(500, -2000)])
    bands = isochrones(STREET, lon[0], lat[0], (5, 10, 15, 20))  # 1,500 m of leg at most
    assert all(b.polygon.is_empty for b in bands[:3])
    assert bands[3].polygon.is_empty  # 1500 m < the leg of 2000 m
