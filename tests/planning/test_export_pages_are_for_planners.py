"""Every export, report and print page is for planners: a login page for anyone logged out,
403 for partners, moderators and other accounts, the file for a planner."""

import pytest

from .test_export_helpers import *  # noqa: F403

pytestmark = pytest.mark.django_db

URLS = [
    "/plan/export/zones.csv?category=night_shelter",
    "/plan/export/zones.xlsx?category=night_shelter",
    "/plan/export/zones.csv?scenario={s}",
    "/plan/export/zones.xlsx?a={s}&b={s}",
    "/plan/export/layer.geojson?layer=zones&category=night_shelter",
    "/plan/export/layer.gpkg?layer=sites&category=night_shelter",
    "/plan/export/layer.geojson?layer=proposals&scenario={s}",
    "/plan/print/?category=night_shelter",
    "/plan/scenarios/{s}/print/",
    "/plan/scenarios/{s}/report.html",
]


@pytest.mark.parametrize("url", URLS)
def test_anyone_logged_out_is_sent_to_log_in(client, night_scenario, url):
    response = client.get(url.format(s=night_scenario.pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("persona", ["outsider", "clerk", "partner_a", "moderator"])
@pytest.mark.parametrize("url", URLS)
def test_other_accounts_are_refused(client, night_scenario, url, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(url.format(s=night_scenario.pk))
    assert response.status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_a_planner_gets_the_file(exporter, night_scenario, url):
    response = exporter.get(url.format(s=night_scenario.pk))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert len(body) > 1000


def test_a_planner_by_role_gets_the_file(client, night_scenario):
    from geoplan.accounts.creation import create_account

    client.force_login(create_account("paola@comune.example.org", "planner", password="P-2026-x"))
    response = client.get(f"/plan/scenarios/{night_scenario.pk}/print/")
    assert response.status_code == 200
