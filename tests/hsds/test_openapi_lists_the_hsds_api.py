"""geoplan's OpenAPI document (/api/schema/) lists the HSDS endpoints once each, under the HSDS
API's own operation ids, with their parameters and the schema each answer follows."""


def test_the_hsds_endpoints_are_documented(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = {p: v for p, v in schema["paths"].items() if p.startswith("/api/hsds/")}
    assert set(paths) == {
        "/api/hsds/",
        "/api/hsds/openapi.json",
        "/api/hsds/export.json",
        *(f"/api/hsds/{kind}/" for kind in ("services", "organizations", "service_at_locations")),
        *(f"/api/hsds/{kind}/{{hsds_id}}/" for kind in ("services", "organizations")),
        "/api/hsds/service_at_locations/{hsds_id}/",
        "/api/hsds/taxonomies/",
        "/api/hsds/taxonomies/{hsds_id}/",
        "/api/hsds/taxonomy_terms/",
        "/api/hsds/taxonomy_terms/{hsds_id}/",
    }
    services = paths["/api/hsds/services/"]["get"]
    assert services["operationId"] == "getPaginatedListOfServices"
    assert {p["name"] for p in services["parameters"]} >= {"page", "per_page", "search"}
    page = services["responses"]["200"]["content"]["application/json"]["schema"]
    assert "compiled/service_list.json" in page["properties"]["contents"]["items"]["description"]
    assert set(services["responses"]) == {"200", "400"}
    detail = paths["/api/hsds/services/{hsds_id}/"]["get"]
    assert detail["operationId"] == "getFullyNestedServiceById"
    assert set(detail["responses"]) == {"200", "404"}
