"""Isochrones are walked from the point to 6 decimals (about 10 cm), so nearby clicks share one
answer and one cache entry; answers stay in the shared cache an hour; bands are 1 to 30
minutes."""

import pytest
from django.core.cache import caches

from geoplan.access import isochrones
from geoplan.access.inputs import walk_network
from geoplan.access.isochrones import isochrones_geojson
from geoplan.access.models import AccessRun

pytestmark = pytest.mark.django_db

LON, LAT = 7.6835, 45.0560


def test_nearby_points_share_the_rounded_point_and_its_cache_entry():
    near = (LON + 3e-8, LAT - 4e-8)
    answer = isochrones_geojson([near], minutes=(5,))
    assert answer["points"] == [{"lon": LON, "lat": LAT}]
    assert answer == isochrones_geojson([(LON, LAT)], minutes=(5,))
    run = AccessRun.objects.latest_completed("standard")
    hash_ = walk_network().source_hash
    key_of = lambda p: isochrones._cache_key([p], [5], "standard", hash_, run)  # noqa: E731
    assert key_of((LON, LAT)) == key_of((round(near[0], 6), round(near[1], 6)))


def test_an_answer_is_kept_an_hour_at_most():
    isochrones_geojson([(LON, LAT)], minutes=(10,))
    run = AccessRun.objects.latest_completed("standard")
    key = isochrones._cache_key([(LON, LAT)], [10], "standard", walk_network().source_hash, run)
    cache = caches["shared"]
    seconds = cache._cache.get_client(key).ttl(cache.make_and_validate_key(key))
    assert 0 < seconds <= 3600


@pytest.mark.parametrize("minutes", [(0, 5), (5, 31), (60,)])
def test_bands_outside_1_to_30_minutes_are_refused(minutes):
    with pytest.raises(ValueError, match="1 to 30 minutes"):
        isochrones_geojson([(LON, LAT)], minutes=minutes)
