"""The landing page, conformance and the API definition of /ogc/."""

from django.test import Client
from drf_spectacular.validation import validate_schema

from geoplan.opendata.ogc_params import MAX_LIMIT

from .helpers import get_json, link

OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/"


def test_the_landing_page_links_every_resource_with_its_type(client):
    page = get_json(client, "/ogc/")
    assert page["title"] and page["description"]
    expected = {
        "self": ("http://testserver/ogc/", "application/json"),
        "service-desc": ("http://testserver/ogc/api", OPENAPI),
        "service-doc": ("http://testserver/api/docs/", "text/html"),
        "conformance": ("http://testserver/ogc/conformance", "application/json"),
        "data": ("http://testserver/ogc/collections", "application/json"),
    }
    for rel, (href, type_) in expected.items():
        found = link(page, rel)
        assert found, rel
        assert (found["href"], found["type"]) == (href, type_)
        assert found["title"]


def test_every_landing_page_link_answers(client):
    for x in get_json(client, "/ogc/")["links"]:
        response = client.get(x["href"].removeprefix("http://testserver"))
        assert response.status_code == 200, x["href"]
        assert response["Content-Type"].split(";")[0] == x["type"].split(";")[0], x["href"]


def test_the_landing_page_accepts_f_json(client):
    assert get_json(client, "/ogc/?f=json") == get_json(client, "/ogc/")


def test_an_unknown_format_is_refused_by_name(client):
    for url in ("/ogc/?f=html", "/ogc/conformance?f=xml", "/ogc/collections?f=html"):
        body = get_json(client, url, status=400)
        assert body["code"] == "InvalidParameterValue"
        assert "f=" in body["description"] and "json" in body["description"], url


def test_an_unknown_parameter_is_refused_by_name(client):
    body = get_json(client, "/ogc/?lang=it", status=400)
    assert "lang" in body["description"]


def test_it_conforms_to_core_geojson_and_openapi_30(client):
    classes = get_json(client, "/ogc/conformance")["conformsTo"]
    assert set(classes) == {CORE + "core", CORE + "geojson", CORE + "oas30"}


def test_the_api_definition_is_valid_openapi_30_of_the_ogc_paths(client):
    response = client.get("/ogc/api")
    assert response.status_code == 200
    assert response["Content-Type"] == OPENAPI
    document = response.json()
    validate_schema(document)  # raises on an invalid document
    assert document["openapi"].startswith("3.0")
    assert document["servers"] == [{"url": "http://testserver/ogc"}]
    assert set(document["paths"]) == {
        "/",
        "/conformance",
        "/api",
        "/collections",
        "/collections/{collectionId}",
        "/collections/{collectionId}/items",
        "/collections/{collectionId}/items/{featureId}",
    }


def test_the_api_definition_states_the_paging_limits_and_the_collections(client):
    document = get_json(client, "/ogc/api")
    parameters = document["paths"]["/collections/{collectionId}/items"]["get"]["parameters"]
    by_name = {p["name"]: p for p in parameters}
    assert set(by_name) == {"collectionId", "limit", "offset", "bbox", "datetime", "f"}
    assert by_name["limit"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_LIMIT,
        "default": 10,
    }
    ids = [c["id"] for c in get_json(client, "/ogc/collections")["collections"]]
    assert by_name["collectionId"]["schema"]["enum"] == ids


def test_it_answers_get_only():
    # With CSRF checks on, as for a browser: the method is refused, not the missing token.
    client = Client(enforce_csrf_checks=True)
    for url in ("/ogc/", "/ogc/collections", "/ogc/collections/zones/items"):
        assert client.post(url, {}).status_code == 405, url
        assert client.put(url, {}).status_code == 405, url
    assert client.head("/ogc/collections").status_code == 200


def test_cross_origin_reads_are_allowed(client):
    response = client.get("/ogc/collections", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
