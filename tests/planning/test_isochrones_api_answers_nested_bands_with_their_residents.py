"""GET /api/isochrones/?lon=&lat= answers, to anyone, the 5, 10, 15 and 20-minute walking bands
of the point as GeoJSON: nested, growing, each with the residents of the latest run's cells
whose centre is within the band's minutes on foot (counted here again with the routing module)."""

import numpy as np
import pytest
import shapely
from django.urls import reverse

from geoplan.access.inputs import walk_network
from geoplan.access.models import PROFILE_SPEED_KMH, AccessCell, AccessRun
from geoplan.analysis.routing import Snapped, m_from_minutes, nearest_m, snap_points

pytestmark = pytest.mark.django_db

LON, LAT = 7.6835, 45.0560  # Piazza Madama Cristina, San Salvario


def residents_within(profile: str, minutes: int) -> int:
    run = AccessRun.objects.latest_completed(profile)
    cells = list(AccessCell.objects.filter(run=run).values_list("node", "snap_m", "population"))
    node, snap_m, population = (np.array(c) for c in zip(*cells, strict=True))
    network = walk_network()
    walk_m = nearest_m(
        network,
        snap_points(network, LON, LAT),
        Snapped(node.astype(np.int64), snap_m.astype(float)),
    )
    limit_m = float(m_from_minutes(minutes, PROFILE_SPEED_KMH[profile]))
    return int(population[walk_m <= limit_m].sum())


@pytest.mark.parametrize("profile", ["standard", "slow"])
def test_the_bands_nest_grow_and_count_the_residents(client, profile):
    response = client.get(reverse("api:isochrones"), {"lon": LON, "lat": LAT, "profile": profile})
    assert response.status_code == 200
    data = response.json()
    assert data["type"] == "FeatureCollection" and data["profile"] == profile
    assert data["run"] == AccessRun.objects.latest_completed(profile).pk
    assert data["speed_kmh"] == PROFILE_SPEED_KMH[profile] and data["site"] is None
    bands = data["features"]
    assert [f["properties"]["minutes"] for f in bands] == [5, 10, 15, 20]
    assert {f["properties"]["point"] for f in bands} == {0}
    shapes = [shapely.geometry.shape(f["geometry"]) for f in bands]
    assert all(s.is_valid and s.geom_type in ("Polygon", "MultiPolygon") for s in shapes)
    assert shapes[0].contains(shapely.Point(LON, LAT))
    for shorter, longer in zip(shapes, shapes[1:], strict=False):
        assert shapely.difference(shorter, longer).area < 1e-10  # degrees²: slivers at most
    areas = [f["properties"]["area_km2"] for f in bands]
    assert areas == sorted(areas) and areas[0] > 0
    residents = [f["properties"]["residents"] for f in bands]
    assert residents == [residents_within(profile, m) for m in (5, 10, 15, 20)]
    assert residents == sorted(residents) and residents[-1] > 0


def test_the_slow_walker_reaches_less_and_walks_in_15_minutes_what_others_do_in_10(client):
    def bands(profile):
        answer = client.get(
            reverse("api:isochrones"),
            {"lon": LON, "lat": LAT, "profile": profile, "minutes": "10,15"},
        ).json()
        return answer["features"]

    slow, standard = bands("slow"), bands("standard")
    assert slow[1]["properties"]["area_km2"] < standard[1]["properties"]["area_km2"]
    assert slow[1]["properties"]["residents"] < standard[1]["properties"]["residents"]
    # 750 m either way: 15 minutes at 3 km/h, 10 minutes at 4.5 km/h.
    slow_15, standard_10 = (shapely.geometry.shape(b["geometry"]) for b in (slow[1], standard[0]))
    # Built in other steps (from 10 and from 5 minutes), the outlines differ only where their
    # round ends were drawn with other vertices: a few square metres in a square kilometre.
    assert shapely.symmetric_difference(slow_15, standard_10).area < 1e-5 * standard_10.area
    assert slow[1]["properties"]["residents"] == standard[0]["properties"]["residents"]


def test_the_bands_asked_for_are_answered_sorted_and_once(client):
    response = client.get(
        reverse("api:isochrones"), {"lon": LON, "lat": LAT, "minutes": "12,3,12,30"}
    )
    assert response.status_code == 200
    assert [f["properties"]["minutes"] for f in response.json()["features"]] == [3, 12, 30]
