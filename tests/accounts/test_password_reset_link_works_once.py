"""A password reset e-mail carries a link on GEOPLAN_BASE_URL that sets a password once."""

import re

from django.core import mail
from django.urls import reverse

from tests.conftest import PERSONA_PASSWORD

NEW_PASSWORD = "Another-long-pass-2026"


def _link(body: str, base: str) -> str:
    return re.search(rf"{re.escape(base)}(/accounts/reset/\S+/)", body)[1]


def test_the_reset_email_goes_out_and_its_link_works_once(client, partner_a, settings):
    settings.GEOPLAN_BASE_URL = "https://geoplan.example.org"

    response = client.post(reverse("accounts:password_reset"), {"email": "Anna@a.example.org"})

    assert response.url == reverse("accounts:password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [partner_a.email]
    assert "Password reset on geoplan" in message.subject
    path = _link(message.body, settings.GEOPLAN_BASE_URL)

    form = client.get(path, follow=True)
    assert form.status_code == 200
    set_password_url = form.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.url == reverse("accounts:password_reset_complete")
    partner_a.refresh_from_db()
    assert partner_a.check_password(NEW_PASSWORD)
    assert not partner_a.check_password(PERSONA_PASSWORD)

    again = client.get(path, follow=True)
    assert "The password reset link was invalid" in again.content.decode()


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, db):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.url == reverse("accounts:password_reset_done")
    assert mail.outbox == []


def test_a_new_password_revokes_the_api_tokens(partner_a):
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=partner_a)
    partner_a.set_password("Another-long-pass-2027")
    partner_a.save()
    assert not Token.objects.filter(user=partner_a).exists()


def test_other_changes_keep_the_api_tokens(partner_a):
    from rest_framework.authtoken.models import Token

    Token.objects.create(user=partner_a)
    partner_a.first_name = "Anna"
    partner_a.save()
    assert Token.objects.filter(user=partner_a).exists()
