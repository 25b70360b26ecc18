"""The check the form calls as the pin moves: the same warnings the moderator will see."""

from django.urls import reverse
from pyproj import Transformer

from geoplan.registry.site_import import default_geocoder

URL = reverse("partner:check")
_TO_METRIC = Transformer.from_crs("EPSG:4326", "EPSG:32632", always_xy=True)
_TO_LONLAT = Transformer.from_crs("EPSG:32632", "EPSG:4326", always_xy=True)


def _metres_east(lon, lat, metres):
    x, y = _TO_METRIC.transform(lon, lat)
    return _TO_LONLAT.transform(x + metres, y)


def test_a_pin_1_km_from_the_street_is_far_from_street(client_a):
    # Via Nizza runs north-south: 1 km east of its middle is 1 km from it.
    street = default_geocoder().street("Via Nizza")
    lon, lat = _metres_east(street.point.x, street.point.y, 1000)
    answer = client_a.get(
        URL, {"lon": lon, "lat": lat, "name": "Punto cibo", "address": "Via Nizza 100, Torino"}
    ).json()
    far = [w for w in answer if w["code"] == "far_from_street"]
    assert len(far) == 1
    assert far[0]["distance_m"] > 800
    assert "Via Nizza" in far[0]["message"]


def test_a_pin_on_the_street_has_no_street_warning(client_a):
    street = default_geocoder().street("Via Nizza")
    answer = client_a.get(
        URL, {"lon": street.point.x, "lat": street.point.y, "address": "Via Nizza 100"}
    ).json()
    assert [w for w in answer if w["code"] == "far_from_street"] == []


def test_a_pin_at_a_registered_site_with_the_same_address_is_flagged(client_a, site_of_a):
    answer = client_a.get(
        URL,
        {
            "lon": site_of_a.geom.x,
            "lat": site_of_a.geom.y,
            "name": "Altro",
            "address": site_of_a.address,
        },
    ).json()
    assert "same_address" in [w["code"] for w in answer]
    # Not when editing that site itself.
    answer = client_a.get(
        URL,
        {
            "lon": site_of_a.geom.x,
            "lat": site_of_a.geom.y,
            "address": site_of_a.address,
            "site": site_of_a.pk,
        },
    ).json()
    assert "same_address" not in [w["code"] for w in answer]


def test_a_pin_outside_turin_is_said_at_once(client_a):
    answer = client_a.get(URL, {"lon": "7.75", "lat": "45.12"}).json()
    assert [w["code"] for w in answer] == ["outside_city"]


def test_no_pin_no_warning(client_a):
    assert client_a.get(URL, {"address": "Via Nizza"}).json() == []
