"""Only published services, at located sites, ever reach /ogc/: the set of /api/sites/."""

import pytest

from geoplan.registry.models import Service, Site, Status

from .helpers import api_sites, get_json

SITES = "/ogc/collections/sites/items?limit=1000"
NOT_PUBLIC = [Status.DRAFT, Status.PENDING, Status.PLANNED, Status.UNVERIFIED, Status.ARCHIVED]


def ogc_ids(client) -> list:
    return [f["id"] for f in get_json(client, SITES)["features"]]


def test_the_sites_are_those_of_the_sites_api(client):
    ids = ogc_ids(client)
    assert sorted(ids) == sorted(f["id"] for f in api_sites(client))
    assert get_json(client, SITES)["numberMatched"] == len(ids) == 38


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_a_site_whose_services_are_not_published_never_appears(client, status):
    site = Site.objects.get(address="Corso Vercelli 15, Torino")
    Service.objects.filter(site=site).update(status=status)
    assert site.pk not in ogc_ids(client)
    assert sorted(ogc_ids(client)) == sorted(f["id"] for f in api_sites(client))
    get_json(client, f"/ogc/collections/sites/items/{site.pk}", status=404)


def test_a_services_draft_beside_a_published_one_stays_hidden(client):
    service = Service.objects.published().select_related("site").first()
    draft = Service.objects.create(
        site=service.site,
        category=service.category,
        name="Sportello in bozza",
        status=Status.DRAFT,
    )
    feature = get_json(client, f"/ogc/collections/sites/items/{service.site_id}")
    listed = [s["id"] for s in feature["properties"]["services"]]
    assert service.pk in listed and draft.pk not in listed
    assert {s["status"] for s in feature["properties"]["services"]} == {"published"}


def test_an_unlocated_site_never_appears(client):
    located = set(ogc_ids(client))
    assert not located & set(Site.objects.needing_location().values_list("pk", flat=True))


def test_an_illustrative_service_is_flagged_as_in_the_sites_api(client):
    site = Site.objects.get(address="Via Traves 15, Torino")
    Service.objects.filter(site=site).update(is_illustrative=True)
    feature = get_json(client, f"/ogc/collections/sites/items/{site.pk}")
    assert feature["properties"]["is_illustrative"] is True
    assert all(s["is_illustrative"] for s in feature["properties"]["services"])
    api = next(f for f in api_sites(client) if f["id"] == site.pk)
    assert api["properties"]["is_illustrative"] is True
