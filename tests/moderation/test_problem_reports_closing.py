"""A moderator closes a report as handled or dismissed, with an optional note: who and when are
recorded, the registry is untouched, and a bad decision is refused with a sentence."""

import pytest
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse

from geoplan.moderation.models import ProblemReport
from tests.public.site_records import add_service, make_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    site = make_site("Punto da verificare")
    add_service(site)
    return ProblemReport.objects.create(site=site, kind="contact", message="Numero sbagliato")


def close(client, report, **data):
    return client.post(reverse("moderation:close_report", args=[report.pk]), data)


def test_a_moderator_marks_a_report_handled_with_a_note(client, moderator, report):
    service_before = model_to_dict(report.site.services.get())
    client.force_login(moderator)
    response = close(client, report, decision="handled", note="Numero corretto nel registro.")
    assert response.status_code == 302
    assert response.url == reverse("moderation:reports")
    report.refresh_from_db()
    assert report.status == "handled"
    assert report.handled_by == moderator
    assert report.handled_at is not None
    assert report.moderator_note == "Numero corretto nel registro."
    assert model_to_dict(report.site.services.get()) == service_before
    page = client.get(response.url).content.decode()
    assert f"Report #{report.pk} marked handled." in page
    # Off the open list, on the recently closed one with who closed it.
    assert "No report is open." in page
    closed = page[page.index("Recently closed") :]
    assert "Numero corretto nel registro." in closed and moderator.username in closed


def test_a_moderator_dismisses_a_report_without_a_note(client, moderator, report):
    client.force_login(moderator)
    assert close(client, report, decision="dismissed").status_code == 302
    report.refresh_from_db()
    assert (report.status, report.moderator_note, report.handled_by) == ("dismissed", "", moderator)


def test_an_unknown_decision_is_refused_with_a_sentence(client, moderator, report):
    client.force_login(moderator)
    response = close(client, report, decision="deleted", note="da tenere")
    assert response.status_code == 400
    html = response.content.decode()
    assert "“deleted” is not a decision: a report is either handled or dismissed." in html
    assert ">da tenere</textarea>" in html
    report.refresh_from_db()
    assert report.status == "open" and report.handled_by is None


def test_a_note_too_long_is_refused(client, moderator, report):
    client.force_login(moderator)
    response = close(client, report, decision="handled", note="n" * 2001)
    assert response.status_code == 400
    assert "The note is too long" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "open"


def test_a_report_already_closed_keeps_the_first_decision(
    client, moderator, other_moderator, report
):
    client.force_login(moderator)
    close(client, report, decision="handled", note="fatto")
    second = Client()
    second.force_login(other_moderator)
    response = close(second, report, decision="dismissed", note="no")
    assert response.status_code == 302
    page = second.get(response.url).content.decode()
    assert f"Report #{report.pk} was already closed (handled) by {moderator.username}." in page
    report.refresh_from_db()
    assert (report.status, report.moderator_note, report.handled_by) == (
        "handled",
        "fatto",
        moderator,
    )


def test_closing_needs_a_post_with_the_csrf_token(moderator, report):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert close(strict, report, decision="handled").status_code == 403
    assert strict.get(reverse("moderation:close_report", args=[report.pk])).status_code == 405
    report.refresh_from_db()
    assert report.status == "open"


def test_an_unknown_report_is_not_found(client, moderator, report):
    client.force_login(moderator)
    missing = report.pk + 1000
    response = client.post(
        reverse("moderation:close_report", args=[missing]), {"decision": "handled"}
    )
    assert response.status_code == 404
