import json

from geoplan.registry.models import Service, Site, Status


def features(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()["features"]


def test_it_lists_every_located_site_with_a_published_service(client):
    sites = features(client, "/api/sites/")
    published = Site.objects.located().filter(services__status="published").distinct()
    # 30 from the first file, 8 more from the second (planned, unverified and archived ones not).
    assert len(sites) == published.count() == 38
    for f in sites:
        assert f["geometry"]["type"] == "Point"
        assert f["properties"]["services"], f["properties"]["name"]


def test_it_filters_by_category(client):
    sites = features(client, "/api/sites/?category=night_shelter")
    assert sites
    for f in sites:
        assert {s["category"] for s in f["properties"]["services"]} == {"night_shelter"}
    expected = Site.objects.filter(
        services__category__code="night_shelter", services__status=Status.PUBLISHED
    ).located()
    assert {f["id"] for f in sites} == set(expected.values_list("pk", flat=True))


def test_it_refuses_an_unknown_category_by_name(client):
    response = client.get("/api/sites/?category=soup_kitchen")
    assert response.status_code == 400
    assert "Unknown category 'soup_kitchen'" in response.json()["category"]


def test_it_hides_unpublished_services(client, db):
    site = Site.objects.get(address="Corso Vercelli 15, Torino")
    Service.objects.filter(site=site).update(status=Status.PENDING)
    ids = {f["id"] for f in features(client, "/api/sites/")}
    assert site.pk not in ids


def test_street_level_precision_is_labelled_as_approximate(client):
    sites = features(client, "/api/sites/")
    carrera = next(f for f in sites if f["properties"]["address"] == "Via Carrera 181, Torino")
    assert carrera["properties"]["location_precision"] == "street"
    assert carrera["properties"]["location_precision_label"] == "approximate: street level"


def test_an_illustrative_service_is_flagged_in_the_api(client, db):
    site = Site.objects.get(address="Via Traves 15, Torino")
    Service.objects.filter(site=site).update(is_illustrative=True)
    f = next(f for f in features(client, "/api/sites/") if f["id"] == site.pk)
    assert f["properties"]["is_illustrative"] is True
    assert f["properties"]["services"][0]["is_illustrative"] is True


def post_site(client, lon, lat, address="Via Roma 1, Torino"):
    body = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"name": "Nuovo sportello", "address": address},
    }
    return client.post("/api/sites/", json.dumps(body), content_type="application/json")


def test_a_planner_registers_a_site_in_turin(client, planner):
    client.force_login(planner)
    response = post_site(client, 7.6858, 45.0712)
    assert response.status_code == 201, response.content
    site = Site.objects.get(address="Via Roma 1, Torino")
    assert site.zone is not None and site.location_precision == "building"


def test_the_api_refuses_a_site_outside_turin_and_saves_nothing(client, planner):
    client.force_login(planner)
    before = Site.objects.count()
    response = post_site(client, 9.19, 45.4642)
    assert response.status_code == 400
    assert "outside the City of Turin" in response.json()["geom"][0]
    assert Site.objects.count() == before


def test_staff_without_the_add_site_right_cannot_register_a_site(client, clerk):
    client.force_login(clerk)
    before = Site.objects.count()
    assert post_site(client, 7.6858, 45.0712).status_code == 403
    assert Site.objects.count() == before


def test_the_api_refuses_a_site_that_is_not_a_point(client, planner):
    client.force_login(planner)
    body = {
        "type": "Feature",
        "geometry": {
            "type": "LineString",
            "coordinates": [[7.68, 45.07], [7.69, 45.07]],
        },
        "properties": {"name": "Linea", "address": "Via Po 1, Torino"},
    }
    response = client.post("/api/sites/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert "A site is a Point, not a LineString" in response.json()["geom"][0]


def test_an_outsider_cannot_register_a_site(client, outsider):
    client.force_login(outsider)
    assert post_site(client, 7.6858, 45.0712).status_code == 403
    client.logout()
    # Anonymous: asked to authenticate (with a session or a token).
    assert post_site(client, 7.6858, 45.0712).status_code == 401


def test_structured_opening_hours_are_served_with_the_service(client, db):
    import datetime

    from geoplan.registry.models import OpeningHours

    service = Service.objects.get(name="Asilo notturno Umberto I")
    OpeningHours.objects.create(
        service=service, weekday=1, opens_at=datetime.time(20), closes_at=datetime.time(7)
    )
    sites = features(client, "/api/sites/?category=night_shelter")
    served = next(s for f in sites for s in f["properties"]["services"] if s["id"] == service.pk)
    assert served["schedules"] == [
        {
            "weekday": 1,
            "weekday_name": "Monday",
            "opens_at": "20:00",
            "closes_at": "07:00",
            "valid_from": None,
            "valid_to": None,
        }
    ]
