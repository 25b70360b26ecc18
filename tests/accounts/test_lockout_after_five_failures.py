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
