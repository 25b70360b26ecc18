"""isochrones_geojson: one feature per point and band, in the points' order, bands nested; a
point farther from the street network than a band's minutes has an empty band (null geometry,
no area, no residents); a new run is never answered from an answer kept for the old one."""

import numpy as np
import pytest
import shapely

from geoplan.access.inputs import walk_network
from geoplan.access.isochrones import isochrones_geojson
from geoplan.access.services import run_access
from geoplan.analysis.network import unproject_xy
from geoplan.analysis.routing import snap_points
from geoplan.territory.models import City

pytestmark = pytest.mark.django_db

POINTS = [(7.6835, 45.0560), (7.6600, 45.0800)]


def test_each_point_gets_its_bands_in_order():
    answer = isochrones_geojson(POINTS, minutes=(10, 5))
    keys = [(f["properties"]["point"], f["properties"]["minutes"]) for f in answer["features"]]
    assert keys == [(0, 5), (0, 10), (1, 5), (1, 10)]
    assert answer["points"] == [{"lon": lon, "lat": lat} for lon, lat in POINTS]
    for i, (lon, lat) in enumerate(POINTS):
        five, ten = (shapely.geometry.shape(f["geometry"]) for f in answer["features"][2 * i :][:2])
        assert five.contains(shapely.Point(lon, lat))
        assert shapely.difference(five, ten).area < 1e-10


def a_point_far_from_the_streets() -> tuple[float, float, float]:
    """The point of Turin (on a 100 m grid) farthest in a straight line from any street node."""
    network = walk_network()
    boundary = City.turin().geom
    xmin, ymin, xmax, ymax = network.x.min(), network.y.min(), network.x.max(), network.y.max()
    gx, gy = np.meshgrid(np.arange(xmin, xmax, 100.0), np.arange(ymin, ymax, 100.0))
    lon, lat = unproject_xy(gx.ravel(), gy.ravel())
    snap_m = snap_points(network, lon, lat).snap_m
    inside = shapely.contains_xy(shapely.from_wkb(bytes(boundary.wkb)), lon, lat)
    best = np.argmax(np.where(inside, snap_m, -1))
    return float(lon[best]), float(lat[best]), float(snap_m[best])


def test_a_band_shorter_than_the_walk_to_the_streets_is_empty():
    lon, lat, snap_m = a_point_far_from_the_streets()
    assert snap_m > 75  # more than a minute's walk at 4.5 km/h
    one, twenty = isochrones_geojson([(lon, lat)], minutes=(1, 20))["features"]
    assert one["geometry"] is None
    assert one["properties"]["area_km2"] == 0 and one["properties"]["residents"] == 0
    assert twenty["geometry"] is not None and twenty["properties"]["area_km2"] > 0


def test_a_new_run_is_not_answered_from_the_old_answer():
    before = isochrones_geojson(POINTS[:1], minutes=(15,))
    run, created = run_access("standard", force=True)
    assert created
    after = isochrones_geojson(POINTS[:1], minutes=(15,))
    assert before["run"] != run.pk and after["run"] == run.pk
    assert after["features"] == before["features"]  # the same inputs: the same bands
