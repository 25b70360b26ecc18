"""One client may send a few reports an hour, counted in the shared cache: past the limit the
report is refused with a 429 page that says why, and nothing is stored."""

import pytest
from django.test import Client
from django.urls import reverse

from geoplan.moderation.models import ProblemReport
from geoplan.public.report_limit import REPORTS_PER_HOUR

from .site_records import add_service, clear_limit, make_site

pytestmark = pytest.mark.django_db

FIRST, SECOND = "198.51.100.30", "198.51.100.31"


@pytest.fixture(autouse=True)
def fresh_counts():
    for address in (FIRST, SECOND):
        clear_limit(address)
    yield
    for address in (FIRST, SECOND):
        clear_limit(address)


@pytest.fixture
def site():
    site = make_site()
    add_service(site)
    return site


def report(client, site):
    return client.post(reverse("public:report", args=[site.pk]), {"kind": "other"})


def test_past_the_limit_a_report_is_refused_with_429(site):
    client = Client(REMOTE_ADDR=FIRST)
    for _n in range(REPORTS_PER_HOUR):
        assert report(client, site).status_code == 302
    refused = report(client, site)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    html = refused.content.decode()
    assert "Your report was not sent: 5 reports have already come from this connection" in html
    assert ProblemReport.objects.filter(site=site).count() == REPORTS_PER_HOUR


def test_the_limit_is_counted_per_client_address(site):
    first, second = Client(REMOTE_ADDR=FIRST), Client(REMOTE_ADDR=SECOND)
    for _n in range(REPORTS_PER_HOUR):
        report(first, site)
    assert report(first, site).status_code == 429
    assert report(second, site).status_code == 302


def test_the_limit_holds_for_a_new_session(site):
    """The count is the address's, not a cookie's: a client without cookies is still counted."""
    for _n in range(REPORTS_PER_HOUR):
        assert report(Client(REMOTE_ADDR=FIRST), site).status_code == 302
    assert report(Client(REMOTE_ADDR=FIRST), site).status_code == 429


def test_behind_a_trusted_proxy_clients_are_told_apart_by_the_forwarded_address(site, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.2"
    clear_limit(proxy)
    try:
        first = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=FIRST)
        second = Client(REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=SECOND)
        for _n in range(REPORTS_PER_HOUR):
            report(first, site)
        assert report(first, site).status_code == 429
        assert report(second, site).status_code == 302
    finally:
        clear_limit(proxy)


def test_robots_caught_by_the_hidden_field_are_counted_too(site):
    client = Client(REMOTE_ADDR=FIRST)
    for _n in range(REPORTS_PER_HOUR):
        data = {"kind": "other", "homepage": "x"}
        client.post(reverse("public:report", args=[site.pk]), data)
    assert report(client, site).status_code == 429
    assert not ProblemReport.objects.exists()
