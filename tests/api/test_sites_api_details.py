"""/api/sites/ serves what the site popup shows of a service: contacts, languages, access, hours
(weekly rows, seasons, closures), who it is for and when it was last checked; unpublished
services are never served to the public."""

from datetime import date, time

import pytest
from django.contrib.gis.geos import Point

from geoplan.registry.models import Closure, OpeningHours, Service, Site, Status

ADDRESS = "Via Carrera 181, Torino"


def service_json(client, service_id, url="/api/sites/"):
    response = client.get(url)
    assert response.status_code == 200, response.content
    found = [
        s
        for f in response.json()["features"]
        for s in f["properties"]["services"]
        if s["id"] == service_id
    ]
    assert len(found) == 1, f"service {service_id} served {len(found)} times"
    return found[0]


@pytest.fixture
def detailed():
    """A real published service given every detail the popup shows."""
    service = Service.objects.published().filter(site__address=ADDRESS).first()
    assert service is not None
    Service.objects.filter(pk=service.pk).update(
        phone="011 443 1234",
        email="accoglienza@example.org",
        website="https://www.example.org/carrera",
        languages=["it", "fr", "ar"],
        step_free_access=True,
        last_verified=date(2026, 3, 12),
        target_groups=["homeless", "men"],
        target_groups_note="over 18",
        eligibility="Sent by the city's social services.",
        closed_on_public_holidays=True,
    )
    OpeningHours.objects.create(service=service, weekday=1, opens_at=time(9), closes_at=time(13))
    OpeningHours.objects.create(service=service, weekday=1, opens_at=time(14), closes_at=time(18))
    OpeningHours.objects.create(
        service=service,
        weekday=7,
        opens_at=time(20),
        closes_at=time(8),
        valid_from=date(2026, 11, 1),
        valid_to=date(2027, 3, 31),
    )
    Closure.objects.create(
        service=service, starts_on=date(2026, 12, 24), ends_on=date(2026, 12, 26), note="Christmas"
    )
    return service


def test_the_sites_api_serves_contacts_languages_access_and_verification(client, detailed):
    s = service_json(client, detailed.pk)
    assert s["phone"] == "011 443 1234"
    assert s["email"] == "accoglienza@example.org"
    assert s["website"] == "https://www.example.org/carrera"
    assert s["languages"] == ["it", "fr", "ar"]
    assert s["step_free_access"] is True
    assert s["last_verified"] == "2026-03-12"
    assert s["target_groups"] == ["homeless", "men"]
    assert s["target_group_labels"] == ["people without a home", "men"]
    assert s["target_groups_note"] == "over 18"
    assert s["eligibility"] == "Sent by the city's social services."
    assert s["closed_on_public_holidays"] is True
    assert s["status"] == Status.PUBLISHED


def test_the_sites_api_serves_weekly_rows_in_order_with_translated_day_names(client, detailed):
    s = service_json(client, detailed.pk)
    assert s["schedules"] == [
        {
            "weekday": 1,
            "weekday_name": "Monday",
            "opens_at": "09:00",
            "closes_at": "13:00",
            "valid_from": None,
            "valid_to": None,
        },
        {
            "weekday": 1,
            "weekday_name": "Monday",
            "opens_at": "14:00",
            "closes_at": "18:00",
            "valid_from": None,
            "valid_to": None,
        },
        {
            "weekday": 7,
            "weekday_name": "Sunday",
            "opens_at": "20:00",
            "closes_at": "08:00",
            "valid_from": "2026-11-01",
            "valid_to": "2027-03-31",
        },
    ]
    assert s["closures"] == [
        {"starts_on": "2026-12-24", "ends_on": "2026-12-26", "note": "Christmas"}
    ]


def test_day_names_follow_the_language_of_the_request(client, detailed):
    response = client.get("/api/sites/", HTTP_ACCEPT_LANGUAGE="it")
    names = {
        h["weekday_name"]
        for f in response.json()["features"]
        for s in f["properties"]["services"]
        if s["id"] == detailed.pk
        for h in s["schedules"]
    }
    assert names == {"lunedì", "domenica"}


def test_a_service_without_details_serves_empty_values_not_guesses(client):
    service = Service.objects.published().filter(site__address=ADDRESS).first()
    Service.objects.filter(pk=service.pk).update(
        phone="", email="", website="", languages=[], step_free_access=None, last_verified=None
    )
    OpeningHours.objects.filter(service=service).delete()
    Closure.objects.filter(service=service).delete()
    s = service_json(client, service.pk)
    assert s["phone"] == s["email"] == s["website"] == ""
    assert s["languages"] == [] and s["schedules"] == [] and s["closures"] == []
    assert s["step_free_access"] is None and s["last_verified"] is None


def test_the_details_are_served_with_the_category_filter_too(client, detailed):
    url = f"/api/sites/?category={detailed.category.code}"
    assert service_json(client, detailed.pk, url)["phone"] == "011 443 1234"


NOT_PUBLIC = (Status.DRAFT, Status.PENDING, Status.PLANNED, Status.UNVERIFIED, Status.ARCHIVED)


@pytest.fixture
def unpublished():
    """A located site in Turin with one service of each status that is not public, and a
    published service at a real site turned to each of them (their names are distinctive)."""
    site = Site.objects.create(
        name="Sito riservato di prova",
        address="Via di Prova Riservata 1, Torino",
        geom=Point(7.6858, 45.0712, srid=4326),
        location_precision="building",
    )
    category = Service.objects.published().first().category
    created = [
        Service.objects.create(
            site=site, category=category, name=f"Servizio nascosto {status}", status=status
        )
        for status in NOT_PUBLIC
    ]
    return site, created


def test_no_unpublished_service_is_ever_in_the_public_sites_api(client, unpublished):
    site, services = unpublished
    for url in ("/api/sites/", f"/api/sites/?category={services[0].category.code}"):
        response = client.get(url)
        assert response.status_code == 200
        body = response.content.decode()
        ids = {s["id"] for f in response.json()["features"] for s in f["properties"]["services"]}
        assert not ids & {s.pk for s in services}
        assert site.pk not in {f["id"] for f in response.json()["features"]}
        assert "Servizio nascosto" not in body and "Sito riservato di prova" not in body


def test_a_real_service_leaves_the_public_api_whatever_unpublished_status_it_gets(client):
    service = Service.objects.published().filter(site__address=ADDRESS).first()
    assert service_json(client, service.pk)["status"] == Status.PUBLISHED
    for status in NOT_PUBLIC:
        Service.objects.filter(pk=service.pk).update(status=status)
        response = client.get("/api/sites/")
        ids = {s["id"] for f in response.json()["features"] for s in f["properties"]["services"]}
        assert service.pk not in ids, status


def test_an_anonymous_visitor_cannot_ask_for_unpublished_services_by_status(client, unpublished):
    _site, _services = unpublished
    for status in NOT_PUBLIC:
        response = client.get(f"/api/sites/?status={status}")
        # Draft, pending and archived are not listable at all; planned and unverified are
        # for staff only.
        assert response.status_code in (400, 401, 403), (status, response.status_code)
        assert "Servizio nascosto" not in response.content.decode()
        assert "features" not in response.json()
