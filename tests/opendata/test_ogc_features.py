"""What the features of each collection hold, alone and in pages."""

from geoplan.registry.models import Site

from .helpers import api_sites, get_json, link


def items(client, collection, query="limit=1000"):
    return get_json(client, f"/ogc/collections/{collection}/items?{query}")


def test_a_site_feature_has_its_services_categories_and_precision(client):
    carrera = Site.objects.get(address="Via Carrera 181, Torino")
    feature = get_json(client, f"/ogc/collections/sites/items/{carrera.pk}")
    assert feature["type"] == "Feature" and feature["id"] == carrera.pk
    assert feature["geometry"]["type"] == "Point"
    assert feature["geometry"]["coordinates"] == [
        round(carrera.geom.x, 6),
        round(carrera.geom.y, 6),
    ]
    p = feature["properties"]
    assert (p["name"], p["address"]) == (carrera.name, carrera.address)
    assert p["location_precision"] == "street"
    assert p["location_precision_label"] == "approximate: street level"
    services = carrera.services.filter(status="published")
    assert {s["id"] for s in p["services"]} == {s.pk for s in services}
    assert set(p["categories"]) == {s.category.code for s in services}
    assert p["is_illustrative"] is False
    public = {"name", "category", "category_name", "hours_text", "opening_hours", "phone"}
    assert public <= set(p["services"][0])


def test_a_site_reads_as_in_the_sites_api(client):
    api = {f["id"]: f for f in api_sites(client)}
    for feature in items(client, "sites")["features"]:
        mine, theirs = feature["properties"], api[feature["id"]]["properties"]
        assert mine["services"] == theirs["services"]
        assert (mine["name"], mine["zone"]) == (theirs["name"], theirs["zone"])
        assert feature["geometry"]["coordinates"] == [
            round(v, 6) for v in api[feature["id"]]["geometry"]["coordinates"]
        ]


def test_a_zone_feature_has_its_population_and_circoscrizione(client):
    zones = {f["properties"]["code"]: f for f in get_json(client, "/api/zones/")["features"]}
    body = items(client, "zones")
    assert body["numberReturned"] == 94
    for feature in body["features"]:
        p = feature["properties"]
        api = zones[p["code"]]["properties"]
        assert feature["id"] == p["code"]
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
        assert p["population"] == api["population"]
        assert p["circoscrizione"] == api["circoscrizione"]
        assert p["population_year"] == 2023
    assert sum(f["properties"]["population"] for f in body["features"]) == 860973


def test_one_item_has_links_to_itself_and_its_collection(client):
    zone = get_json(client, "/ogc/collections/zones/items?limit=1")["features"][0]
    response = client.get(f"/ogc/collections/zones/items/{zone['id']}")
    assert response["Content-Type"] == "application/geo+json"
    one = response.json()
    assert link(one, "self")["href"] == (
        f"http://testserver/ogc/collections/zones/items/{zone['id']}"
    )
    assert link(one, "collection")["href"] == "http://testserver/ogc/collections/zones"
    assert {k: one[k] for k in ("id", "geometry", "properties")} == {
        k: zone[k] for k in ("id", "geometry", "properties")
    }


def test_an_unknown_item_is_a_404_with_a_message(client):
    for url in (
        "/ogc/collections/sites/items/999999",
        "/ogc/collections/sites/items/abc",
        "/ogc/collections/sites/items/3%C2%B2",
        "/ogc/collections/sites/items/99999999999",
        "/ogc/collections/zones/items/%00",
        "/ogc/collections/zones/items/999",
        "/ogc/collections/access-night_shelter/items/999",
    ):
        body = get_json(client, url, status=404)
        assert body["code"] == "NotFound" and "has no feature" in body["description"], url


def test_names_follow_the_readers_language(client):
    night = "/ogc/collections/sites/items?limit=1000"
    english = get_json(client, night, HTTP_ACCEPT_LANGUAGE="en")["features"]
    italian = get_json(client, night, HTTP_ACCEPT_LANGUAGE="it")["features"]
    names = {s["category_name"] for f in english for s in f["properties"]["services"]}
    nomi = {s["category_name"] for f in italian for s in f["properties"]["services"]}
    assert "Night shelter" in names and "Night shelter" not in nomi
    assert client.get(night)["Vary"].count("Accept-Language") == 1
