import json

from django.contrib.gis.geos import Point

from geoplan.registry.models import LocationSource, Site


def site_form(lon, lat):
    return {
        "name": "Sportello di prova",
        "address": "Via Garibaldi 1, Torino",
        "geom": json.dumps({"type": "Point", "coordinates": [lon, lat]}),
        "location_precision": "building",
        "location_note": "",
        "services-TOTAL_FORMS": "0",
        "services-INITIAL_FORMS": "0",
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "1000",
    }


def test_the_admin_refuses_a_site_outside_turin(client, planner):
    client.force_login(planner)
    before = Site.objects.count()
    response = client.post("/admin/registry/site/add/", site_form(9.19, 45.4642))
    assert response.status_code == 200
    assert "outside the City of Turin" in response.content.decode()
    assert Site.objects.count() == before


def test_the_admin_saves_a_site_inside_turin(client, planner):
    client.force_login(planner)
    response = client.post("/admin/registry/site/add/", site_form(7.6858, 45.0712))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Site.objects.get(address="Via Garibaldi 1, Torino").zone is not None


def test_the_site_map_widget_draws_the_city_boundary(client, planner):
    client.force_login(planner)
    page = client.get("/admin/registry/site/add/").content.decode()
    assert "/api/city/" in page and "map:init" in page
    boundary = client.get("/api/city/").json()
    assert boundary["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_moving_a_site_on_the_admin_map_marks_its_location_manual(client, planner):
    site = Site.objects.create(
        name="Sportello di prova",
        address="Via Garibaldi 1, Torino",
        geom=Point(7.6858, 45.0712, srid=4326),
        location_precision="building",
        location_source=LocationSource.GEOCODER,
    )
    client.force_login(planner)
    response = client.post(f"/admin/registry/site/{site.pk}/change/", site_form(7.6843, 45.0498))
    assert response.status_code == 302, response.content.decode()[:2000]
    site.refresh_from_db()
    assert site.location_source == LocationSource.MANUAL


def test_editing_a_site_in_the_admin_without_moving_it_keeps_its_source(client, planner):
    site = Site.objects.create(
        name="Vecchio nome",
        address="Via Garibaldi 1, Torino",
        geom=Point(7.6858, 45.0712, srid=4326),
        location_precision="building",
        location_source=LocationSource.GEOCODER,
    )
    client.force_login(planner)
    response = client.post(f"/admin/registry/site/{site.pk}/change/", site_form(7.6858, 45.0712))
    assert response.status_code == 302, response.content.decode()[:2000]
    site.refresh_from_db()
    assert site.name == "Sportello di prova"
    assert site.location_source == LocationSource.GEOCODER
