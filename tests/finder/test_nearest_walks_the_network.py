"""/api/nearest/ answers with the engine's walk (snap legs included), in walking order, and
agrees with `walk_time` for the same points."""

import pytest

from geoplan.access.services import walk_time
from geoplan.registry.models import Service

# Via Nizza near Lingotto, a street the shipped network has.
VIA_NIZZA = (7.6672, 45.0335)


def nearest(client, **params):
    params.setdefault("lon", VIA_NIZZA[0])
    params.setdefault("lat", VIA_NIZZA[1])
    return client.get("/api/nearest/", params)


def test_sites_come_in_walking_order_with_metres_and_minutes(client):
    body = nearest(client, category="food_distribution", limit=5).json()
    assert body["type"] == "FeatureCollection"
    minutes = [f["properties"]["minutes"] for f in body["features"]]
    assert len(minutes) == 5
    assert minutes == sorted(minutes)
    for feature in body["features"]:
        props = feature["properties"]
        # 4.5 km/h: 75 m a minute.
        assert props["minutes"] == pytest.approx(props["meters"] / 75, abs=0.06)
        assert {s["category"] for s in props["services"]} == {"food_distribution"}


def test_the_walk_is_the_same_as_walk_time_for_the_same_points(client):
    body = nearest(client, category="night_shelter", limit=3).json()
    for feature in body["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        expected = walk_time(VIA_NIZZA[0], VIA_NIZZA[1], lon, lat)
        assert feature["properties"]["meters"] == pytest.approx(expected["meters"], abs=0.5)
        assert feature["properties"]["minutes"] == pytest.approx(expected["minutes"], abs=0.05)


def test_nothing_nearer_was_left_out(client):
    """Every published food site is at least as far as the last one listed."""
    body = nearest(client, category="food_distribution", limit=3).json()
    farthest = body["features"][-1]["properties"]["meters"]
    listed = {f["id"] for f in body["features"]}
    sites = Service.objects.published().filter(
        category__code="food_distribution", site__geom__isnull=False
    )
    for service in sites.select_related("site"):
        if service.site_id in listed:
            continue
        other = walk_time(VIA_NIZZA[0], VIA_NIZZA[1], service.site.geom.x, service.site.geom.y)
        assert other["meters"] >= farthest - 0.5


def test_slow_walkers_take_longer_over_the_same_metres(client):
    standard = nearest(client, category="food_distribution", limit=1).json()["features"][0]
    slow = nearest(client, category="food_distribution", limit=1, profile="slow").json()
    slow = slow["features"][0]
    assert slow["id"] == standard["id"]
    assert slow["properties"]["meters"] == standard["properties"]["meters"]
    assert slow["properties"]["minutes"] == pytest.approx(
        standard["properties"]["minutes"] * 1.5, abs=0.1
    )


def test_route_is_a_linestring_from_the_point_to_the_site(client):
    body = nearest(client, category="food_distribution", limit=2, route=1).json()
    for feature in body["features"]:
        route = feature["properties"]["route"]
        assert route["type"] == "LineString"
        coordinates = route["coordinates"]
        assert coordinates[0] == pytest.approx(list(VIA_NIZZA), abs=1e-6)
        assert coordinates[-1] == pytest.approx(feature["geometry"]["coordinates"], abs=1e-6)
        assert len(coordinates) > 3
    assert "route" not in nearest(client, limit=1).json()["features"][0]["properties"]


def test_without_a_category_every_published_category_counts(client):
    body = nearest(client, limit=10).json()
    categories = {s["category"] for f in body["features"] for s in f["properties"]["services"]}
    assert len(categories) >= 2
    assert body["origin"]["snap_m"] >= 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"lon": ""}, "lon"),
        ({"lon": "abc"}, "lon"),
        ({"lat": "nan"}, "lat"),
        ({"lon": 9.19, "lat": 45.46}, "lon"),  # Milan
        ({"category": "spaceport"}, "category"),
        ({"limit": 0}, "limit"),
        ({"limit": 51}, "limit"),
        ({"limit": "x"}, "limit"),
        ({"profile": "running"}, "profile"),
        ({"open_at": "next tuesday"}, "open_at"),
        ({"route": "maybe"}, "route"),
        ({"target_group": "aliens"}, "target_group"),
        ({"language": "xx"}, "language"),
        ({"step_free": "yes please"}, "step_free"),
    ],
)
def test_bad_parameters_are_refused_with_the_parameter_named(client, params, field):
    response = nearest(client, **params)
    assert response.status_code == 400
    assert field in response.json()
    message = response.json()[field]
    assert (message if isinstance(message, str) else message[0]).strip()


def test_a_time_that_does_not_exist_in_turin_is_read_an_hour_later(client):
    """02:30 on 29 March 2026 is skipped by the clocks going forward."""
    body = nearest(client, open_at="2026-03-29T02:30").json()
    assert body["open_at"] == "2026-03-29T03:30:00+02:00"


@pytest.mark.parametrize(
    "params",
    [
        {"open_at": "9999-12-31T23:59:59-23:59"},
        {"open_at": "0001-01-01T00:00+14:00"},
        {"limit": "²"},
    ],
)
def test_odd_values_are_refused_not_failed(client, params):
    response = nearest(client, **params)
    assert response.status_code == 400
    assert next(iter(response.json().values()))


def test_a_street_level_site_searched_from_its_own_street_says_so(client):
    """From "Via Nizza 230" (street-level), a site known only as "Via Nizza 24" is at the same
    point: its walk is not a minute, it depends on the house numbers."""
    from geoplan.registry.models import Site

    street = next(
        r
        for r in client.get("/api/geocode/", {"q": "Via Nizza 230"}).json()
        if r["kind"] == "street"
    )
    site = Site.objects.filter(location_precision="street", address__icontains="via nizza").first()
    assert site is not None
    assert abs(site.geom.x - street["lon"]) < 1e-5
    body = nearest(client, lon=street["lon"], lat=street["lat"], limit=50).json()
    flags = {f["id"]: f["properties"]["same_street_point"] for f in body["features"]}
    assert flags[site.pk] is True
    assert sum(flags.values()) < len(flags)
