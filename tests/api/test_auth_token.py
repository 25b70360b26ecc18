"""API tokens: e-mail and password for a token, revoked on request, and django-axes' lock-out."""

import time

from django.conf import settings
from django.core.cache import caches
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from .test_partner_api_personas import *  # noqa: F403
from .test_partner_api_personas import PASSWORD, client_for

URL = "/api/auth/token/"


def ask(email, password, client=None):
    return (client or APIClient()).post(URL, {"email": email, "password": password}, format="json")


def test_the_right_email_and_password_give_a_token_and_say_whose_it_is(partner_a, org_a):
    response = ask("partner.a@example.org", PASSWORD)
    assert response.status_code == 200
    body = response.json()
    assert body["token"] == Token.objects.get(user=partner_a).key
    assert body["user"] == {
        "email": "partner.a@example.org",
        "roles": ["partner"],
        "organizations": [org_a.pk],
    }


def test_the_email_is_read_in_any_case_and_with_spaces_around(partner_a):
    response = ask("  Partner.A@Example.ORG ", PASSWORD)
    assert response.status_code == 200


def test_the_same_token_is_given_until_it_is_revoked(partner_a):
    first = ask("partner.a@example.org", PASSWORD).json()["token"]
    assert ask("partner.a@example.org", PASSWORD).json()["token"] == first


def test_a_moderator_is_told_its_role_and_no_organisation(moderator):
    body = ask("moderator@example.org", PASSWORD).json()
    assert body["user"]["roles"] == ["moderator"] and body["user"]["organizations"] == []


def test_a_wrong_password_is_refused_with_a_sentence(partner_a):
    response = ask("partner.a@example.org", "not the password")
    assert response.status_code == 400
    assert response.json() == {"detail": "E-mail or password is wrong."}
    assert not Token.objects.filter(user=partner_a).exists()


def test_an_unknown_email_gets_the_answer_of_a_wrong_password(db):
    response = ask("nobody@example.org", PASSWORD)
    assert response.status_code == 400
    assert response.json() == {"detail": "E-mail or password is wrong."}


def test_missing_credentials_are_named(db):
    response = APIClient().post(URL, {"email": "partner.a@example.org"}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == ["password"]
    assert body["detail"] == "This field is required."


def test_six_wrong_passwords_lock_the_account_out_even_for_the_right_one(partner_a):
    answers = [ask("partner.a@example.org", f"wrong {i}") for i in range(6)]
    assert [a.status_code for a in answers[:4]] == [400] * 4
    locked = answers[-1]
    assert locked.status_code == 429
    assert locked["Content-Type"] == "application/json"
    assert locked.json()["detail"] == (
        "Too many wrong passwords for this account from your address: try again in 15 minutes."
    )
    assert int(locked["Retry-After"]) == 15 * 60
    right = ask("partner.a@example.org", PASSWORD)
    assert right.status_code == 429
    assert not Token.objects.filter(user=partner_a).exists()


def test_a_locked_out_account_does_not_lock_out_another(partner_a, partner_b):
    for i in range(6):
        ask("partner.a@example.org", f"wrong {i}")
    assert ask("partner.b@example.org", PASSWORD).status_code == 200


def test_a_successful_login_forgets_earlier_wrong_passwords(partner_a):
    for i in range(4):
        ask("partner.a@example.org", f"wrong {i}")
    assert ask("partner.a@example.org", PASSWORD).status_code == 200
    answers = [ask("partner.a@example.org", f"again wrong {i}").status_code for i in range(4)]
    assert answers == [400] * 4


def test_delete_revokes_the_token_sent(partner_a):
    client = client_for(partner_a)
    assert client.delete(URL).status_code == 204
    assert not Token.objects.filter(user=partner_a).exists()
    assert client.get("/api/partner/sites/").status_code == 401


def test_delete_without_a_token_is_refused(db):
    response = APIClient().delete(URL)
    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_token_requests_are_not_refused_when_the_maps_anonymous_limit_is_used_up(partner_a):
    key = f"{settings.DATABASES['default']['NAME']}:throttle_anon_127.0.0.1"
    caches["shared"].set(key, [time.time()] * 1000, 60)
    try:
        assert ask("partner.a@example.org", PASSWORD).status_code == 200
    finally:
        caches["shared"].delete(key)


def test_token_requests_have_a_limit_of_their_own(partner_a):
    key = f"{settings.DATABASES['default']['NAME']}:throttle_auth_token_127.0.0.1"
    caches["shared"].set(key, [time.time()] * 1000, 60)
    response = ask("partner.a@example.org", PASSWORD)
    assert response.status_code == 429
    assert "Request was throttled" in response.json()["detail"]
