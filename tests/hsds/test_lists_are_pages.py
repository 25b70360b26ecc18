"""Lists are paginated as the HSDS API's Page schema with `page` and `per_page`; a bad value is a
400 naming the parameter; paths answer with and without the trailing slash."""

import pytest

from geoplan.registry.models import Service


def test_pages_split_the_list_without_gaps_or_repeats(client, db):
    total = Service.objects.published().count()
    first = client.get("/api/hsds/services", {"per_page": 5}).json()
    assert first["total_items"] == total
    assert first["total_pages"] == -(-total // 5)
    assert (first["page_number"], first["size"], first["first_page"]) == (1, 5, True)
    assert first["last_page"] is False and first["empty"] is False
    seen = [s["id"] for s in first["contents"]]
    for number in range(2, first["total_pages"] + 1):
        page = client.get("/api/hsds/services/", {"per_page": 5, "page": number}).json()
        assert page["first_page"] is False
        assert page["last_page"] is (number == first["total_pages"])
        seen += [s["id"] for s in page["contents"]]
    assert len(seen) == len(set(seen)) == total


def test_a_page_past_the_last_is_empty(client, db):
    page = client.get("/api/hsds/organizations", {"page": 99}).json()
    assert page["contents"] == [] and page["empty"] is True and page["size"] == 0
    assert page["last_page"] is True and page["page_number"] == 99


def test_the_default_page_holds_fifty(client, db):
    assert client.get("/api/hsds/services").json()["size"] == min(
        50, Service.objects.published().count()
    )


@pytest.mark.parametrize(
    ("params", "name", "words"),
    [
        ({"page": "x"}, "page", "page must be a whole number from 1 (“x” given)."),
        ({"page": "0"}, "page", "page must be a whole number from 1 (“0” given)."),
        ({"page": ""}, "page", "page must be a whole number from 1 (“” given)."),
        ({"per_page": "0"}, "per_page", "from 1 to 500 (“0” given)"),
        ({"per_page": "501"}, "per_page", "from 1 to 500 (“501” given)"),
        ({"per_page": "2.5"}, "per_page", "whole number"),
        ({"full": "maybe"}, "full", "full is true or false (“maybe” given)."),
        ({"organization_id": "7"}, "organization_id", "an HSDS id, a UUID (“7” given)"),
        ({"format": "ndjson"}, "format", "Only json is served"),
        ({"format": ""}, "format", "Only json is served (“” given)"),
        ({"search": "a\x00b"}, "search", "cannot be searched (NUL)"),
        ({"modified_after": "2026-01-01"}, "modified_after", "not supported"),
    ],
)
def test_a_bad_parameter_is_named_in_a_400(client, db, params, name, words):
    response = client.get("/api/hsds/services", params)
    assert response.status_code == 400
    assert words in response.json()[name][0]


@pytest.mark.parametrize(
    "path",
    ["services", "organizations", "service_at_locations", "taxonomies", "taxonomy_terms"],
)
def test_both_forms_of_a_path_answer_alike(client, db, path):
    plain = client.get(f"/api/hsds/{path}")
    slashed = client.get(f"/api/hsds/{path}/")
    assert plain.status_code == slashed.status_code == 200
    assert plain.json() == slashed.json()


def test_an_id_that_is_not_published_is_a_404_with_a_sentence(client, db):
    response = client.get("/api/hsds/services/0b7a3c02-4f63-4c4e-9d2e-3f1d8b1c7a10")
    assert response.status_code == 404
    assert "No published service has the id" in response.json()["detail"]
    response = client.get("/api/hsds/organizations/42")
    assert response.status_code == 404
    assert response.json()["detail"] == "“42” is not an HSDS id (a UUID)."


@pytest.mark.parametrize("path", ["services", "organizations", "service_at_locations"])
def test_a_page_far_past_the_last_is_empty(client, db, path):
    page = client.get(f"/api/hsds/{path}", {"page": 9223372036854775807}).json()
    assert page["empty"] is True and page["contents"] == []
