"""The new-site form files a change request (pending review, or a draft) and writes nothing to
the registry: the site appears only once a moderator approves it."""

from django.urls import reverse

from geoplan.moderation.models import ChangeRequest
from geoplan.registry.models import Site

from .posts import SITE_NEW, new_site_post


def test_submitting_files_a_pending_request_and_no_site(client_a, org_a):
    sites = Site.objects.count()
    response = client_a.post(SITE_NEW, new_site_post())
    change = ChangeRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("partner:change", args=[change.pk])
    assert Site.objects.count() == sites
    assert not Site.objects.filter(name="Punto cibo Nizza").exists()
    assert change.status == ChangeRequest.Status.PENDING
    assert change.creates_site and change.site is None
    assert change.organization == org_a
    site = change.payload["site"]
    assert site == {
        "name": "Punto cibo Nizza",
        "address": "Via Nizza 100, Torino",
        "location": {"lon": 7.6745, "lat": 45.0495},
        "organization": org_a.pk,
    }
    service = change.payload["services"][0]
    assert service["category"] == "food_distribution"
    assert service["description"] == "Pacchi per famiglie\nsu appuntamento"
    assert service["capacity"] == 40
    assert service["target_groups"] == ["families", "low_income"]
    assert service["languages"] == ["ar", "it"]
    assert service["step_free_access"] is True
    assert service["closed_on_public_holidays"] is True
    assert [(h["weekday"], h["opens_at"], h["closes_at"]) for h in service["hours"]] == [
        (1, "09:00", "13:00"),
        (4, "09:00", "13:00"),
        (4, "15:00", "18:00"),
    ]
    assert service["closures"] == [
        {"starts_on": "2026-12-24", "ends_on": "2026-12-26", "note": "Natale"}
    ]

    page = client_a.get(response["Location"]).content.decode()
    assert "Sent for review: the public will see it once a city moderator approves it" in page
    assert "pending review" in page


def test_saving_as_draft_keeps_it_from_the_moderators(client_a):
    client_a.post(SITE_NEW, new_site_post(action="draft"))
    change = ChangeRequest.objects.get()
    assert change.status == ChangeRequest.Status.DRAFT
    assert change.submitted_at is None

    client_a.post(reverse("partner:change_submit", args=[change.pk]))
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING


def test_a_seasonal_timetable_sends_its_dates_with_its_ranges(client_a):
    post = new_site_post(
        **{
            "service-0-h1-from": "2026-06-01",
            "service-0-h1-to": "2026-09-30",
            "service-0-h1-1-opens": ["08:00"],
            "service-0-h1-1-closes": ["12:00"],
        }
    )
    client_a.post(SITE_NEW, post)
    hours = ChangeRequest.objects.get().payload["services"][0]["hours"]
    assert {
        "weekday": 1,
        "opens_at": "08:00",
        "closes_at": "12:00",
        "valid_from": "2026-06-01",
        "valid_to": "2026-09-30",
    } in hours


def test_the_index_lists_the_new_site_awaiting_approval(client_a):
    client_a.post(SITE_NEW, new_site_post())
    page = client_a.get(reverse("partner:index")).content.decode()
    assert "New sites awaiting approval" in page
    assert "Punto cibo Nizza" in page
