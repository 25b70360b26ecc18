"""Every answer of every HSDS endpoint, each list page and every single object, validates against
the official HSDS 3.0 schemas (compiled ones for services, organisations and services at
locations; taxonomy.json and taxonomy_term.json), and lists follow the API's Page schema."""

import json

import pytest
from jsonschema import Draft202012Validator

from geoplan.hsds import schemas
from geoplan.registry.models import Service
from tests.hsds.conftest import assert_hsds

PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def page_schema() -> dict:
    document = json.loads(schemas.OPENAPI_FILE.read_text(encoding="utf-8"))
    return document["components"]["schemas"]["Page"]


def walk(client, path: str, item_schema: str, per_page: int, **params) -> list[dict]:
    """Every page of a list, each checked; the items of all pages."""
    page_validator = Draft202012Validator(page_schema())
    items, number = [], 1
    while True:
        response = client.get(path, {"page": number, "per_page": per_page, **params})
        assert response.status_code == 200, response.content
        page = response.json()
        assert set(page) == PAGE_KEYS
        errors = [f"{e.json_path}: {e.message}" for e in page_validator.iter_errors(page)]
        assert not errors, errors
        assert page["page_number"] == number and page["size"] == len(page["contents"])
        for i, item in enumerate(page["contents"]):
            assert_hsds(item, item_schema, f"{path} page {number} item {i}")
        items += page["contents"]
        if page["last_page"]:
            return items
        number += 1


@pytest.fixture
def illustrative_service(db):
    service = Service.objects.published().order_by("-pk").first()
    Service.objects.filter(pk=service.pk).update(is_illustrative=True)
    return service


def test_every_answer_validates(
    client, detailed_service, run_by_organisations, illustrative_service
):
    services = walk(client, "/api/hsds/services", schemas.SERVICE_LIST, per_page=7)
    assert len(services) == Service.objects.published().count()
    for service in services:
        response = client.get(f"/api/hsds/services/{service['id']}")
        assert_hsds(response.json(), schemas.SERVICE, f"service {service['id']}")
    whole = walk(client, "/api/hsds/services/", schemas.SERVICE, per_page=20, full="true")
    assert [s["id"] for s in whole] == [s["id"] for s in services]

    links = walk(client, "/api/hsds/service_at_locations", schemas.SERVICE_AT_LOCATION_LIST, 9)
    for link in links:
        response = client.get(f"/api/hsds/service_at_locations/{link['id']}/")
        assert_hsds(response.json(), schemas.SERVICE_AT_LOCATION, f"link {link['id']}")
    walk(client, "/api/hsds/service_at_locations", schemas.SERVICE_AT_LOCATION, 50, full="true")

    organisations = walk(client, "/api/hsds/organizations", schemas.ORGANIZATION_LIST, 3)
    assert organisations
    for org in organisations:
        for full in ("false", "true"):
            response = client.get(f"/api/hsds/organizations/{org['id']}", {"full_service": full})
            assert_hsds(response.json(), schemas.ORGANIZATION, f"organisation {org['id']}")
    walk(client, "/api/hsds/organizations", schemas.ORGANIZATION, 50, full="true")

    for taxonomy in walk(client, "/api/hsds/taxonomies", schemas.TAXONOMY, 2):
        response = client.get(f"/api/hsds/taxonomies/{taxonomy['id']}")
        assert_hsds(response.json(), schemas.TAXONOMY)
    for term in walk(client, "/api/hsds/taxonomy_terms", schemas.TAXONOMY_TERM, 11):
        response = client.get(f"/api/hsds/taxonomy_terms/{term['id']}")
        assert_hsds(response.json(), schemas.TAXONOMY_TERM)

    export = client.get("/api/hsds/export.json").json()
    for i, service in enumerate(export["contents"]):
        assert_hsds(service, schemas.SERVICE, f"export contents[{i}]")
    for i, org in enumerate(export["organizations"]):
        assert_hsds(org, schemas.ORGANIZATION_LIST, f"export organizations[{i}]")


def test_the_root_says_the_version_and_where_the_openapi_document_is(client):
    info = client.get("/api/hsds/").json()
    assert info["version"] == "3.0"
    assert info["openapi_url"] == "http://testserver/api/hsds/openapi.json"
    document = client.get("/api/hsds/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    assert "/services/{id}" in document["paths"]
    assert document["info"]["license"]["name"] == info["license"]
    assert document["servers"] == [{"url": "http://testserver/api/hsds"}]


def test_a_violation_is_reported_with_its_path_and_message(client, detailed_service):
    service = client.get("/api/hsds/services", {"full": "true"}).json()["contents"][0]
    service["service_at_locations"][0]["location"]["latitude"] = "45.07"
    del service["status"]
    with pytest.raises(AssertionError) as failure:
        assert_hsds(service, schemas.SERVICE)
    report = str(failure.value)
    assert "$: 'status' is a required property" in report
    assert "$.service_at_locations[0].location.latitude: '45.07' is not of type 'number'" in report
