"""/api/geocode/ finds streets, zones and public sites offline; streets say they are
street-level."""

from geoplan.registry.models import Service


def geocode(client, q):
    return client.get("/api/geocode/", {"q": q})


def test_an_address_with_a_number_finds_the_street_and_says_it_is_street_level(client):
    results = geocode(client, "Via Nizza 230").json()
    streets = [r for r in results if r["kind"] == "street"]
    assert streets[0]["label"] == "Via Nizza 230"
    assert streets[0]["precision"] == "street"
    assert "230" in streets[0]["note"] and "street" in streets[0]["note"].lower()
    assert 7.6 < streets[0]["lon"] < 7.7 and 45.0 < streets[0]["lat"] < 45.1


def test_a_zone_is_found_by_its_name_without_accents(client):
    results = geocode(client, "lingotto").json()
    assert any(r["kind"] == "zone" and "LINGOTTO" in r["label"].upper() for r in results)


def test_a_public_site_is_found_by_its_name_and_links_to_its_page(client):
    service = Service.objects.published().filter(site__geom__isnull=False).first()
    word = service.site.name.split()[-1]
    results = geocode(client, service.site.name).json()
    site = next(r for r in results if r["kind"] == "site" and r["id"] == service.site_id)
    assert site["url"] == f"/sites/{service.site_id}/"
    assert word


def test_a_draft_services_name_finds_nothing(client):
    service = Service.objects.published().filter(site__geom__isnull=False).first()
    Service.objects.filter(site=service.site).update(status="draft")
    results = geocode(client, service.site.name).json()
    assert not any(r.get("id") == service.site_id for r in results if r["kind"] == "site")


def test_empty_and_oversized_queries_are_refused(client):
    assert geocode(client, "").status_code == 400
    assert "q" in geocode(client, "").json()
    assert geocode(client, "x" * 201).status_code == 400
    assert geocode(client, "v").json() == []
