"""A report with bad input is refused with a sentence naming what to fix, and nothing is stored;
a robot filling the hidden field is thanked but stores nothing."""

import pytest
from django.test import Client
from django.urls import reverse

from geoplan.moderation.models import ProblemReport

from .site_records import add_service, clear_limit, make_site

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.20"


@pytest.fixture
def client():
    clear_limit(ADDRESS)
    yield Client(REMOTE_ADDR=ADDRESS)
    clear_limit(ADDRESS)


@pytest.fixture
def site():
    site = make_site()
    add_service(site)
    return site


def post(client, site, data):
    return client.post(reverse("public:report", args=[site.pk]), data)


def test_an_unknown_kind_is_refused_with_a_sentence(client, site):
    response = post(client, site, {"kind": "<b>boom</b>", "message": "Testo da tenere"})
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "“&lt;b&gt;boom&lt;/b&gt;” is not one of the problems listed: choose one of them." in html
    )
    assert '<div class="site-errors" role="alert">' in html
    # What the person wrote is kept in the form, to correct and send again.
    assert ">Testo da tenere</textarea>" in html
    assert not ProblemReport.objects.exists()


def test_a_missing_kind_is_refused(client, site):
    response = post(client, site, {"message": "Qualcosa non va"})
    assert response.status_code == 400
    assert "Choose what is wrong" in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_message_too_long_is_refused(client, site):
    response = post(client, site, {"kind": "other", "message": "x" * 2001})
    assert response.status_code == 400
    html = response.content.decode()
    assert "The message is too long: write at most 2000 characters (it has 2001)." in html
    assert 'aria-invalid="true" aria-describedby="message-errors"' in html
    assert not ProblemReport.objects.exists()


def test_a_contact_too_long_is_refused(client, site):
    response = post(client, site, {"kind": "other", "contact": "y" * 201})
    assert response.status_code == 400
    assert "The contact is too long" in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_service_of_another_site_is_refused(client, site):
    add_service(site, "Secondo servizio")
    elsewhere = make_site("Altro punto", address="Via Nizza 170, Torino")
    foreign = add_service(elsewhere)
    response = post(client, site, {"kind": "hours", "service": foreign.pk})
    assert response.status_code == 400
    assert "Choose one of the services of this place" in response.content.decode()
    assert not ProblemReport.objects.exists()


def test_a_robot_filling_the_hidden_field_stores_nothing(client, site):
    response = post(client, site, {"kind": "other", "message": "buy", "homepage": "http://spam"})
    assert response.status_code == 302
    assert response.url.endswith("#thanks")
    assert not ProblemReport.objects.exists()


def test_the_hidden_field_is_out_of_reach(client, site):
    html = client.get(reverse("public:site", args=[site.pk])).content.decode()
    trap = html[html.index('<div class="site-trap"') :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in trap
    assert 'tabindex="-1"' in trap
