"""The monitoring page and its exports are for planners: anyone logged out goes to the login
page, partners, moderators and other accounts get a 403."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

URLS = [
    reverse("planning:monitoring"),
    reverse("planning:monitoring-export", args=["csv"]),
    reverse("planning:monitoring-export", args=["xlsx"]),
]


@pytest.mark.parametrize("url", URLS)
def test_anyone_logged_out_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize("who", ["partner_a", "moderator", "outsider", "clerk"])
@pytest.mark.parametrize("url", URLS)
def test_other_accounts_are_refused(client, request, who, url):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", URLS)
def test_a_planner_gets_it(client, planner, url):
    client.force_login(planner)
    assert client.get(url).status_code == 200
