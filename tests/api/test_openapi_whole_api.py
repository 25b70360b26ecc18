"""The OpenAPI 3 document covers the whole API: every route, each operation with its parameters,
its answers (success and refusals) and an operationId of its own, and it validates with no
warning (`manage.py spectacular --validate --fail-on-warn`, as CI runs it)."""

import re
from collections import Counter

import yaml
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver
from drf_spectacular.drainage import GENERATOR_STATS

from geoplan.registry.models import ServiceCategory

METHODS = ("get", "post", "put", "patch", "delete")


def document(client) -> dict:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def operations(doc):
    for path, item in doc["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


# The planners' workspace: scenarios, siting, isochrones, need weights, KPIs.
WORKSPACE = {
    ("/api/isochrones/", "get"),
    ("/api/kpis/", "get"),
    ("/api/need-profiles/{category}/", "get"),
    ("/api/need-profiles/{category}/", "put"),
    ("/api/scenarios/", "get"),
    ("/api/scenarios/", "post"),
    ("/api/scenarios/{id}/", "get"),
    ("/api/scenarios/{id}/", "patch"),
    ("/api/scenarios/{id}/", "delete"),
    ("/api/scenarios/{id}/edits/", "post"),
    ("/api/scenarios/{id}/edits/{edit}/", "delete"),
    ("/api/scenarios/{id}/results/", "get"),
    ("/api/scenarios/compare/", "get"),
    ("/api/scenarios/planned/", "post"),
    ("/api/siting/", "post"),
}


def api_routes() -> set[str]:
    """The API's routes as the document writes them ({id} for <int:pk>), docs and schema aside."""
    (api,) = [
        p
        for p in get_resolver().url_patterns
        if isinstance(p, URLResolver) and p.namespace == "api"
    ]
    routes = set()
    for pattern in api.url_patterns:
        if not isinstance(pattern, URLPattern) or pattern.name in (None, "schema", "docs"):
            continue
        route = str(pattern.pattern).replace("<int:pk>", "{id}")
        routes.add("/api/" + re.sub(r"<\w+:(\w+)>", r"{\1}", route))
    return routes


def test_manage_py_spectacular_validates_the_document_with_no_warning(db, tmp_path):
    GENERATOR_STATS.reset()
    target = tmp_path / "openapi.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    doc = yaml.safe_load(target.read_text())
    assert doc["openapi"].startswith("3.") and doc["paths"]


def test_every_route_of_the_api_is_documented(client):
    documented = set(document(client)["paths"])
    assert api_routes() - documented == set()


def test_every_operation_has_its_own_id_and_a_documented_success(client):
    doc = document(client)
    ids = Counter(op["operationId"] for _path, _method, op in operations(doc))
    assert [i for i, n in ids.items() if n > 1] == []
    for path, method, op in operations(doc):
        successes = [code for code in op["responses"] if code.startswith("2")]
        assert successes, (method, path)
        for code in successes:
            if code not in ("202", "204"):
                assert "application/json" in op["responses"][code]["content"], (method, path)
    # 31 operations of the API itself, besides the public finder's, HSDS's and the workspace's.
    own = [
        (path, method)
        for path, method, _op in operations(doc)
        if not path.startswith(("/api/hsds/", "/api/geocode/", "/api/nearest/"))
    ]
    assert set(own) >= WORKSPACE
    assert len(own) == 31 + len(WORKSPACE)


def test_refusals_are_documented_as_they_occur(client):
    paths = document(client)["paths"]
    assert set(paths["/api/sites/"]["get"]["responses"]) == {"200", "400", "403"}
    assert set(paths["/api/sites/"]["post"]["responses"]) == {"201", "400", "401", "403"}
    assert set(paths["/api/access/what-if"]["post"]["responses"]) == {
        "200",
        "400",
        "403",
        "404",
        "409",
        "429",
    }
    assert set(paths["/api/jobs/{id}/"]["get"]["responses"]) == {"200", "401", "404"}
    assert set(paths["/api/auth/token/"]["post"]["responses"]) == {"200", "400", "429"}
    assert {"401", "403"} <= set(paths["/api/moderation/changes/"]["get"]["responses"])
    refused = paths["/api/zones/"]["get"]["responses"]["400"]["content"]["application/json"]
    assert refused["schema"] == {"$ref": "#/components/schemas/ParameterErrors"}


def test_parameters_carry_their_types_and_vocabularies(client):
    doc = document(client)
    params = {p["name"]: p for p in doc["paths"]["/api/sites/"]["get"]["parameters"]}
    assert set(params) >= {"bbox", "category", "target_group", "language", "step_free", "limit"}
    assert params["category"]["schema"] == {"$ref": "#/components/schemas/CategoryCode"}
    codes = list(ServiceCategory.objects.order_by("order", "code").values_list("code", flat=True))
    assert doc["components"]["schemas"]["CategoryCode"]["enum"] == codes
    assert "women" in params["target_group"]["schema"]["enum"]
    assert params["step_free"]["schema"]["type"] == "boolean"
    assert params["limit"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 5000}
    assert "minlon,minlat,maxlon,maxlat" in params["bbox"]["description"]
    cells = {p["name"]: p for p in doc["paths"]["/api/access/cells/"]["get"]["parameters"]}
    assert cells["category"]["required"] is True
    assert sorted(cells["profile"]["schema"]["enum"]) == ["slow", "standard"]


def test_geojson_lists_are_documented_as_feature_collections_with_their_page(client):
    doc = document(client)
    ok = doc["paths"]["/api/access/zones/"]["get"]["responses"]["200"]
    schema = ok["content"]["application/json"]["schema"]
    schemas = doc["components"]["schemas"]
    page = schemas[schema["$ref"].rsplit("/", 1)[1]]
    kind = schemas[page["properties"]["type"]["$ref"].rsplit("/", 1)[1]]
    assert kind["enum"] == ["FeatureCollection"]
    assert {"count", "next", "previous", "run", "features"} <= set(page["properties"])
    assert set(ok["headers"]) == {"X-Total-Count", "Link"}
    sites = doc["paths"]["/api/sites/"]["get"]["responses"]["200"]
    sites_page = schemas[sites["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]]
    members = sites_page["allOf"][1]["properties"]
    assert {"type", "count", "next", "previous"} <= set(members)


def test_an_unknown_api_path_is_a_404_in_json(client):
    response = client.get("/api/nowhere/at/all/")
    assert response.status_code == 404
    assert response.json() == {"detail": "There is no such endpoint in the API: see /api/docs/."}
    assert client.get("/api/zones/01/extra/").status_code == 404


def test_a_write_to_an_unknown_path_is_a_json_404_too(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    for method in (strict.post, strict.delete):
        response = method("/api/nothing/here/")
        assert response.status_code == 404
        assert "no such endpoint" in response.json()["detail"]
