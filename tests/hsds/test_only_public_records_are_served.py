"""The HSDS API serves what /api/sites/ serves: published services at located sites, illustrative
ones flagged; organisations only when they run a published service or own a site with one."""

from geoplan.hsds.ids import hsds_id
from geoplan.hsds.taxonomies import DETAILS
from geoplan.registry.models import Organization, Service, Status


def ids(client, path):
    return {item["id"] for item in client.get(path, {"per_page": 500}).json()["contents"]}


def test_services_not_published_are_not_served(client, db):
    hidden = Service.objects.exclude(status=Status.PUBLISHED).first()
    assert hidden is not None
    assert hsds_id("service", hidden.pk) not in ids(client, "/api/hsds/services")
    assert client.get(f"/api/hsds/services/{hsds_id('service', hidden.pk)}").status_code == 404
    link = hsds_id("service_at_location", hidden.pk)
    assert client.get(f"/api/hsds/service_at_locations/{link}").status_code == 404
    published = {
        hsds_id("service", pk) for pk in Service.objects.published().values_list("pk", flat=True)
    }
    assert ids(client, "/api/hsds/services") == published


def test_the_same_sites_as_the_public_api(client, db):
    site_ids = {f["id"] for f in client.get("/api/sites/").json()["features"]}
    links = client.get("/api/hsds/service_at_locations", {"per_page": 500}).json()["contents"]
    assert {link["location"]["id"] for link in links} == {
        hsds_id("location", pk) for pk in site_ids
    }


def test_an_organisation_appears_with_its_first_published_service(client, detailed_service):
    quiet = Organization.objects.create(name="Associazione senza servizi pubblici (test)")
    assert hsds_id("organization", quiet.pk) not in ids(client, "/api/hsds/organizations")
    url = f"/api/hsds/organizations/{hsds_id('organization', quiet.pk)}"
    assert client.get(url).status_code == 404

    Service.objects.filter(pk=detailed_service.pk).update(organization=quiet)
    assert hsds_id("organization", quiet.pk) in ids(client, "/api/hsds/organizations")
    body = client.get(url, {"full_service": "true"}).json()
    assert [s["id"] for s in body["services"]] == [hsds_id("service", detailed_service.pk)]
    assert body["services"][0]["schedules"]


def test_illustrative_records_are_flagged(client, detailed_service, org_a):
    Service.objects.filter(pk=detailed_service.pk).update(is_illustrative=True, organization=org_a)
    body = client.get(f"/api/hsds/services/{hsds_id('service', detailed_service.pk)}").json()
    assert body["alert"] == "Illustrative example: not a real service."
    flag = DETAILS.term_id("illustrative")
    assert [a["value"] for a in body["attributes"] if a["taxonomy_term_id"] == flag] == ["true"]
    organisation = body["organization"]
    assert organisation["name"] == org_a.name
    assert [a["value"] for a in organisation["attributes"] if a["taxonomy_term_id"] == flag] == [
        "true"
    ]
    listed = client.get("/api/hsds/organizations").json()["contents"]
    (item,) = [o for o in listed if o["name"] == org_a.name]
    assert item["attributes"][0]["taxonomy_term_id"] == flag
