"""Who may do what in the admin: planners read the registry, moderators change it, partners are
not admitted, and change requests are only read there (decisions go through /moderation/)."""

import json

import pytest

from geoplan.accounts.creation import create_account
from geoplan.moderation.models import ChangeRequest
from geoplan.registry.models import Service, Site

PASSWORD = "Admin-rights-2026"


@pytest.fixture
def city_planner(db):
    return create_account("pia@comune.example.org", "planner", password=PASSWORD)


@pytest.fixture
def site():
    return Site.objects.get(name="Centro per l'Impiego Torino Nord")


def site_form(site, **changes):
    return {
        "name": site.name,
        "address": site.address,
        "organization": "",
        "geom": json.dumps({"type": "Point", "coordinates": [site.geom.x, site.geom.y]}),
        "location_precision": site.location_precision,
        "location_note": site.location_note,
        "services-TOTAL_FORMS": "0",
        "services-INITIAL_FORMS": "0",
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "1000",
        **changes,
    }


def test_a_planner_reads_the_registry_but_cannot_change_it(client, city_planner, site):
    client.force_login(city_planner)
    assert client.get("/admin/registry/site/").status_code == 200
    assert client.get("/admin/registry/service/").status_code == 200
    page = client.get(f"/admin/registry/site/{site.pk}/change/")
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()

    response = client.post(
        f"/admin/registry/site/{site.pk}/change/", site_form(site, name="Cambiato")
    )
    assert response.status_code == 403
    site.refresh_from_db()
    assert site.name == "Centro per l'Impiego Torino Nord"
    assert client.get("/admin/registry/site/add/").status_code == 403
    service = site.services.first()
    assert client.post(f"/admin/registry/service/{service.pk}/change/", {}).status_code == 403
    assert client.get("/admin/registry/site/import/").status_code == 403


def test_a_moderator_changes_a_site_and_the_history_says_who(client, moderator, site):
    client.force_login(moderator)
    response = client.post(
        f"/admin/registry/site/{site.pk}/change/",
        site_form(site, name="Centro per l'Impiego Torino Nord (sede)"),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    site.refresh_from_db()
    assert site.name == "Centro per l'Impiego Torino Nord (sede)"
    assert site.history.latest("history_date").history_user == moderator

    history = client.get(f"/admin/registry/site/{site.pk}/history/")
    assert history.status_code == 200
    assert moderator.email in history.content.decode()


def test_a_partner_is_sent_to_the_admin_login(client, partner_a, site):
    client.force_login(partner_a)
    for path in ("/admin/", "/admin/registry/site/", f"/admin/registry/site/{site.pk}/change/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")
    response = client.post(
        f"/admin/registry/site/{site.pk}/change/", site_form(site, name="Cambiato")
    )
    assert response.status_code == 302 and response.url.startswith("/admin/login/")
    site.refresh_from_db()
    assert site.name == "Centro per l'Impiego Torino Nord"


@pytest.fixture
def change_request(org_a, partner_a):
    return ChangeRequest.objects.create(
        organization=org_a,
        summary_filed="Nuovo orario di prova",
        payload={"site": {}, "services": []},
        submitted_by=partner_a,
    )


def test_change_requests_are_only_read_in_the_admin(
    client, moderator, change_request, org_a, org_b
):
    client.force_login(moderator)
    listing = client.get("/admin/moderation/changerequest/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Nuovo orario di prova" in page and "/moderation/" in page
    assert f'href="/moderation/changes/{change_request.pk}/"' in page
    filters = {p for spec in listing.context["cl"].filter_specs for p in spec.expected_parameters()}
    assert {"status__exact", "organization__id__exact"} <= filters
    by_status = client.get("/admin/moderation/changerequest/?status__exact=pending")
    assert [c.pk for c in by_status.context["cl"].result_list] == [change_request.pk]
    by_org = client.get(f"/admin/moderation/changerequest/?organization__id__exact={org_a.pk}")
    assert [c.pk for c in by_org.context["cl"].result_list] == [change_request.pk]

    url = f"/admin/moderation/changerequest/{change_request.pk}/change/"
    detail = client.get(url)
    assert detail.status_code == 200 and 'name="_save"' not in detail.content.decode()
    assert client.post(url, {"status": "approved"}).status_code == 403
    assert client.get("/admin/moderation/changerequest/add/").status_code == 403
    delete = f"/admin/moderation/changerequest/{change_request.pk}/delete/"
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change_request.refresh_from_db()
    assert change_request.status == ChangeRequest.Status.PENDING


def test_even_an_administrator_decides_change_requests_elsewhere(client, planner, change_request):
    client.force_login(planner)  # a superuser
    url = f"/admin/moderation/changerequest/{change_request.pk}/change/"
    assert client.post(url, {"status": "approved"}).status_code == 403
    assert ChangeRequest.objects.get(pk=change_request.pk).status == "pending"


def test_registry_records_of_the_demo_are_marked_illustrative(client, planner, org_a):
    service = Service.objects.filter(status="published").first()
    service.is_illustrative = True
    service.save()
    client.force_login(planner)
    page = client.get(f"/admin/registry/service/?q={service.name}").content.decode()
    assert 'class="illustrative"' in page
    orgs = client.get("/admin/registry/organization/?q=Organisation A").content.decode()
    assert org_a.name in orgs and 'class="illustrative"' in orgs
