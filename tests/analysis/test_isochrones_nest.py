"""Bands nest: each band contains every shorter one, on a hand-made grid and in Turin."""

import numpy as np
import pytest
import shapely

from geoplan.analysis.isochrones import isochrones
from geoplan.analysis.network import project_lonlat
from tests.analysis.factories import ORIGIN_X, ORIGIN_Y, hand_network, local_lonlat


def local(polygon):
    """A band's EPSG:4326 polygon in metres east/north of the hand-made origin."""

    def move(lonlat):
        x, y = project_lonlat(lonlat[:, 0], lonlat[:, 1])
        return np.column_stack([x - ORIGIN_X, y - ORIGIN_Y])

    return shapely.transform(polygon, move)


def grid(n=8, step=120.0):
    nodes = {r * n + c + 1: (c * step, r * step) for r in range(n) for c in range(n)}
    edges = [(k, k + 1, step) for k in nodes if (k - 1) % n < n - 1]
    edges += [(k, k + n, step) for k in nodes if k + n in nodes]
    return hand_network(nodes, edges)


def outside_area_m2(shorter, longer) -> float:
    return shapely.difference(local(shorter.polygon), local(longer.polygon)).area


def test_each_band_contains_the_shorter_ones_on_a_grid():
    lon, lat = local_lonlat([(430, 370)])
    bands = isochrones(grid(), lon[0], lat[0], (2, 5, 8, 11, 14, 20))
    for shorter, longer in zip(bands, bands[1:], strict=False):
        assert outside_area_m2(shorter, longer) == pytest.approx(0, abs=1e-3)
        assert longer.area_m2 >= shorter.area_m2
        assert longer.street_m >= shorter.street_m


@pytest.mark.parametrize("lon, lat", [(7.6869, 45.0703), (7.6400, 45.0400), (7.7000, 45.0900)])
def test_each_band_contains_the_shorter_ones_in_turin(turin, lon, lat):
    bands = isochrones(turin, lon, lat, (5, 10, 15, 20))
    areas = [b.area_m2 for b in bands]
    assert areas == sorted(areas) and areas[0] > 0
    for shorter, longer in zip(bands, bands[1:], strict=False):
        # Floating-point slivers of the unions only: well under a square metre, against km².
        assert outside_area_m2(shorter, longer) < 0.5
        assert longer.polygon.is_valid


def test_the_order_asked_is_the_order_answered():
    lon, lat = local_lonlat([(430, 370)])
    bands = isochrones(grid(), lon[0], lat[0], (10, 5))
    assert [b.minutes for b in bands] == [10, 5]
    assert bands[0].area_m2 > bands[1].area_m2
    np.testing.assert_allclose(
        bands[1].area_m2, isochrones(grid(), lon[0], lat[0], (5,))[0].area_m2, rtol=1e-9
    )
