"""The moderation pages answer moderators only: 403 to other accounts, login to the public."""

import pytest
from django.urls import reverse

from geoplan.moderation.workflow import propose
from tests.conftest import new_site_proposal


@pytest.fixture
def pages(partner_a):
    change = propose(partner_a, new_site_proposal())
    return [
        reverse("moderation:queue"),
        reverse("moderation:change", args=[change.pk]),
        reverse("moderation:stale"),
        reverse("moderation:stale_csv"),
    ]


@pytest.mark.parametrize("persona", ["partner_a", "partner_b", "planner"])
def test_they_are_forbidden_to_other_accounts(client, pages, persona, request):
    client.force_login(request.getfixturevalue(persona))
    for url in pages:
        response = client.get(url)
        assert response.status_code == 403, url
        assert "moderators" in response.content.decode()


def test_they_send_the_public_to_the_login_page(client, pages):
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_they_answer_a_moderator(client, pages, moderator):
    client.force_login(moderator)
    for url in pages:
        assert client.get(url).status_code == 200, url


def test_decisions_are_forbidden_to_a_partner(client, partner_a, partner_b):
    change = propose(partner_a, new_site_proposal())
    client.force_login(partner_b)
    assert client.post(reverse("moderation:approve", args=[change.pk])).status_code == 403
    response = client.post(reverse("moderation:reject", args=[change.pk]), {"reason": "no"})
    assert response.status_code == 403
    change.refresh_from_db()
    assert change.status == "pending"
