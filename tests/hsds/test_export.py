"""/api/hsds/export.json: the whole public directory as one HSDS Page of complete services, with
the organisations, geoplan's taxonomies, the licence and the attribution."""

from geoplan.opendata.licences import SITES
from geoplan.registry.models import Service


def test_the_export_holds_every_public_service_whole(
    client, detailed_service, run_by_organisations
):
    response = client.get("/api/hsds/export.json")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="geoplan-hsds-3.0.json"'
    assert response["Link"] == f'<{SITES.url}>; rel="license"'
    document = response.json()
    assert document["hsds_version"] == "3.0"
    assert document["license"] == {"code": "ODbL-1.0", "name": SITES.name, "url": SITES.url}
    assert "© OpenStreetMap contributors" in document["attribution"]
    total = Service.objects.published().count()
    assert document["total_items"] == document["size"] == len(document["contents"]) == total
    assert document["total_pages"] == 1 and document["last_page"] is True
    listed = client.get("/api/hsds/services", {"full": "true", "per_page": 500}).json()
    assert document["contents"] == listed["contents"]
    assert {o["id"] for o in document["organizations"]} == {
        o["id"] for o in client.get("/api/hsds/organizations").json()["contents"]
    }
    assert [t["name"] for t in document["taxonomies"]] == [
        "geoplan service categories",
        "geoplan target groups",
        "geoplan service details",
    ]
