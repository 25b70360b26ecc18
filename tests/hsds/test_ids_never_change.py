"""HSDS ids are UUIDs derived from a fixed namespace, the kind of record and its primary key:
the same record always has the same id, whatever changes in it, and kinds never share one."""

import uuid

from geoplan.hsds.ids import NAMESPACE, hsds_id
from geoplan.hsds.taxonomies import CATEGORIES


def test_an_id_is_uuid5_of_the_kind_and_key(client, detailed_service):
    service = detailed_service
    body = client.get("/api/hsds/services", {"full": "true", "per_page": 500}).json()
    (found,) = [
        s
        for s in body["contents"]
        if s["name"] == service.name and s["id"] == hsds_id("service", service.pk)
    ]
    assert found["id"] == str(uuid.uuid5(NAMESPACE, f"service:{service.pk}"))
    link = found["service_at_locations"][0]
    assert link["id"] == str(uuid.uuid5(NAMESPACE, f"service_at_location:{service.pk}"))
    assert link["location"]["id"] == str(uuid.uuid5(NAMESPACE, f"location:{service.site_id}"))
    assert len({found["id"], link["id"], link["location"]["id"]}) == 3


def test_an_edit_keeps_the_id(client, detailed_service):
    url = f"/api/hsds/services/{hsds_id('service', detailed_service.pk)}"
    before = client.get(url).json()
    detailed_service.name = "Nuovo nome"
    detailed_service.save()
    detailed_service.site.name = "Nuova sede"
    detailed_service.site.save()
    after = client.get(url).json()
    assert after["name"] == "Nuovo nome"
    assert after["id"] == before["id"]
    assert (
        after["service_at_locations"][0]["location"]["id"]
        == (before["service_at_locations"][0]["location"]["id"])
    )
    assert after["service_at_locations"][0]["location"]["name"] == "Nuova sede"


def test_category_terms_are_named_by_code_not_by_row(db):
    assert CATEGORIES.term_id("night_shelter") == str(
        uuid.uuid5(NAMESPACE, "taxonomy_term:service_category:night_shelter")
    )
