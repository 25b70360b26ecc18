"""Five wrong passwords for an account lock it out from that address for 15 minutes: the sixth
try is refused even with the right password."""

from django.urls import reverse

from tests.conftest import PERSONA_PASSWORD


def test_the_sixth_try_is_refused_even_with_the_right_password(client, partner_a):
    url = reverse("accounts:login")
    for _ in range(5):
        response = client.post(url, {"username": partner_a.email, "password": "wrong"})
        assert "_auth_user_id" not in client.session

    response = client.post(url, {"username": partner_a.email, "password": PERSONA_PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    text = response.content.decode()
    assert "too many failed logins" in text
    assert "Try again in 15 minutes" in " ".join(text.split())
    assert reverse("accounts:password_reset") in text


def test_another_account_is_not_locked_out(client, partner_a, partner_b):
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": partner_a.email, "password": "wrong"})

    response = client.post(url, {"username": partner_b.email, "password": PERSONA_PASSWORD})

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(partner_b.pk)


def test_writing_the_address_in_other_cases_does_not_give_more_tries(client, partner_a):
    url = reverse("accounts:login")
    for variant in (
        "ANNA@a.example.org",
        "Anna@A.example.org",
        " anna@a.EXAMPLE.org",
        "anna@a.example.ORG",
        "aNNa@a.example.org",
    ):
        client.post(url, {"username": variant, "password": "wrong"})

    response = client.post(url, {"username": partner_a.email, "password": PERSONA_PASSWORD})

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_behind_a_trusted_proxy_addresses_are_told_apart(client, partner_a, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(
            url,
            {"username": partner_a.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )
    # The owner, from another address behind the same proxy, is not locked out by them.
    response = client.post(
        url,
        {"username": partner_a.email, "password": PERSONA_PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302
