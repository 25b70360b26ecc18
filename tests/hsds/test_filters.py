"""The HSDS list filters: search, organization_id, taxonomy_term_id and taxonomy_id, together."""

from geoplan.hsds.ids import hsds_id
from geoplan.hsds.taxonomies import CATEGORIES, DETAILS, TARGET_GROUPS
from geoplan.registry.models import Service


def names(client, **params):
    body = client.get("/api/hsds/services", {"per_page": 500, **params}).json()
    return sorted(s["name"] for s in body["contents"])


def test_by_category_term(client, db):
    shelters = Service.objects.published().filter(category__code="night_shelter")
    term = CATEGORIES.term_id("night_shelter")
    assert names(client, taxonomy_term_id=term) == sorted(shelters.values_list("name", flat=True))
    links = client.get(
        "/api/hsds/service_at_locations", {"taxonomy_term_id": term, "per_page": 500}
    )
    assert links.json()["total_items"] == shelters.count()


def test_by_target_group_and_organisation_together(client, detailed_service, run_by_organisations):
    org = detailed_service.site.organization
    homeless = TARGET_GROUPS.term_id("homeless")
    assert names(
        client, taxonomy_term_id=homeless, organization_id=hsds_id("organization", org.pk)
    ) == [detailed_service.name]
    assert detailed_service.name in names(client, taxonomy_id=TARGET_GROUPS.id)
    assert "Sportello di prova" not in names(client, taxonomy_id=TARGET_GROUPS.id)


def test_by_words(client, detailed_service):
    assert names(client, search="sportello prova") == ["Sportello di prova"]


def test_an_unknown_id_finds_nothing_and_a_detail_term_is_refused(client, db):
    assert names(client, organization_id="0b7a3c02-4f63-4c4e-9d2e-3f1d8b1c7a10") == []
    response = client.get("/api/hsds/services", {"taxonomy_term_id": DETAILS.term_id("capacity")})
    assert response.status_code == 400
    assert "category and target group terms" in response.json()["taxonomy_term_id"][0]


def test_taxonomy_terms_by_taxonomy(client, db):
    body = client.get("/api/hsds/taxonomy_terms", {"taxonomy_id": TARGET_GROUPS.id}).json()
    assert {t["code"] for t in body["contents"]} >= {"homeless", "migrants", "everyone"}
    assert {t["taxonomy_id"] for t in body["contents"]} == {TARGET_GROUPS.id}
