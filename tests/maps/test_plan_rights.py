"""Who may open the planners' workspace at /plan/: planners (and administrators); anyone logged
out goes to the login page and comes back to the same view; other accounts get a 403 page that
says why. The API the map reads stays public."""

from html import unescape
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.urls import reverse

from geoplan.accounts.creation import create_account

VIEW = "/plan/?category=food_distribution&profile=slow&threshold=20"
SENTENCE = "The planners' workspace is for the city's planners."


@pytest.fixture
def planner_role(db):
    return create_account("pia@comune.example.org", "planner", password="Planner-pass-2026")


def test_anyone_logged_out_is_sent_to_the_login_page_and_back_to_the_same_view(client, db):
    response = client.get(VIEW)
    assert response.status_code == 302
    target = urlparse(response.url)
    assert target.path == reverse("accounts:login")
    assert parse_qs(target.query)["next"] == [VIEW]


def test_after_logging_in_a_planner_lands_on_the_view_asked_for(client, planner_role):
    login = reverse("accounts:login") + "?" + urlencode({"next": VIEW})
    response = client.post(
        login,
        {"username": "pia@comune.example.org", "password": "Planner-pass-2026", "next": VIEW},
    )
    assert response.status_code == 302 and response.url == VIEW
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize("who", ["planner_role", "planner"])
def test_planners_and_administrators_open_the_workspace(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(VIEW)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="gap-table"' in page and 'id="weights"' in page
    # The scenarios panel is still part of the page.
    assert 'id="workspace"' in page and "js/plan/workspace.js" in page


@pytest.mark.parametrize("who", ["partner_a", "moderator", "outsider", "clerk"])
def test_other_accounts_get_a_403_page_saying_who_it_is_for(client, request, who):
    client.force_login(request.getfixturevalue(who))
    response = client.get(VIEW)
    assert response.status_code == 403
    page = unescape(response.content.decode())
    assert SENTENCE in page
    assert 'id="gap-table"' not in page


def test_the_read_api_the_map_uses_stays_public(client, db):
    for url in (
        "/api/layers/",
        "/api/access/worst/?category=night_shelter",
        "/api/need-profiles/night_shelter/",
    ):
        assert client.get(url).status_code == 200, url


def test_the_public_finder_still_links_to_the_workspace(client, db):
    page = client.get(reverse("public:finder")).content.decode()
    assert f'href="{reverse("maps:plan")}"' in page
