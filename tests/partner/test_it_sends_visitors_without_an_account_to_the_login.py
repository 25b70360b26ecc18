"""The portal is for logged-in partners: a visitor is sent to the login page, and an account
without an organisation (a moderator alone, an outsider) is told so with a 403."""

import pytest
from django.urls import reverse

PAGES = ["partner:index", "partner:site_new", "partner:changes", "partner:geocode", "partner:check"]


@pytest.fixture(autouse=True)
def login_url(settings):
    settings.LOGIN_URL = "/accounts/login/"


@pytest.mark.parametrize("name", PAGES)
def test_a_visitor_is_sent_to_the_login(client, db, name):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_visitor_cannot_confirm_a_service(client, service_of_a):
    before = service_of_a.last_verified
    response = client.post(reverse("partner:service_verify", args=[service_of_a.pk]))
    assert response.status_code == 302
    service_of_a.refresh_from_db()
    assert service_of_a.last_verified == before


def test_an_account_without_an_organisation_gets_a_sentence(client, moderator, outsider):
    for user in (moderator, outsider):
        client.force_login(user)
        response = client.get(reverse("partner:index"))
        assert response.status_code == 403
        assert "does not belong to any of them" in response.content.decode()
