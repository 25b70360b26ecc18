"""Open or closed is said only from structured hours: hours known only as a published text are
labelled as such and never turned into "open" or "closed"."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from .site_records import add_service, make_site, set_hours

pytestmark = pytest.mark.django_db


def html_of(client, site):
    return client.get(reverse("public:site", args=[site.pk])).content.decode()


def test_text_only_hours_are_labelled_and_make_no_open_or_closed_claim(client):
    site = make_site()
    add_service(site, hours_text="dal lunedì al venerdì 9-13", text_language="it")
    html = html_of(client, site)
    assert "Hours as published by the source:" in html
    assert '<bdi lang="it">dal lunedì al venerdì 9-13</bdi>' in html
    assert "Whether it is open now is not known" in html
    for claim in ("Open now", "Closed ·", "site-now open", "site-now closed", "Every week"):
        assert claim not in html


def test_no_hours_at_all_are_said_to_be_unknown(client):
    site = make_site()
    add_service(site)
    html = html_of(client, site)
    assert "Hours not known" in html
    assert "Open now" not in html and "Closed ·" not in html


def test_hours_open_around_the_clock_say_open(client):
    site = make_site()
    rows = [(d, time(0), time(12)) for d in range(1, 8)]
    rows += [(d, time(12), time(0)) for d in range(1, 8)]  # until midnight
    set_hours(add_service(site), rows)
    html = html_of(client, site)
    assert '<p class="site-now open">Open' in html


def test_a_closure_running_now_says_closed(client):
    site = make_site()
    today = timezone.localdate()
    service = add_service(site)
    set_hours(
        service,
        [(d, time(9), time(13)) for d in range(1, 8)],
        closures=[(today - timedelta(days=1), today + timedelta(days=30), "lavori")],
    )
    html = html_of(client, site)
    assert '<p class="site-now closed">Closed · opens on' in html
    # The closure is listed with its reason, the hours table still given.
    assert '(<bdi lang="it">lavori</bdi>)' in html
    assert "Every week" in html


def test_a_closure_that_is_over_is_not_listed(client):
    site = make_site()
    today = timezone.localdate()
    set_hours(
        add_service(site),
        [(1, time(9), time(13))],
        closures=[(today - timedelta(days=40), today - timedelta(days=30), "passata")],
    )
    html = html_of(client, site)
    assert "passata" not in html and "Closed on these days" not in html


def test_a_season_without_weekly_hours_lists_every_day(client):
    site = make_site()
    today = timezone.localdate()
    start, end = today - timedelta(days=10), today + timedelta(days=100)
    set_hours(add_service(site), [(2, time(18), time(8), start, end)])
    html = html_of(client, site)
    assert "Other days: as every week." not in html
    assert (
        '<th scope="row">Tuesday</th><td><span class="site-range">18:00–08:00</span> (ends the next day)</td>'
        in html
    )
    assert '<th scope="row">Monday</th><td><span class="closed">closed</span></td>' in html
