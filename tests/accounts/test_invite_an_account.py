"""A moderator invites an account: it is created without a password and e-mailed a one-time
link to choose one; a refused invitation creates nothing."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

NEW_PASSWORD = "Chosen-by-the-partner-2026"


def test_an_invitation_creates_the_account_and_emails_a_working_link(
    client, moderator, org_a, settings
):
    settings.GEOPLAN_BASE_URL = "https://geoplan.example.org"
    client.force_login(moderator)

    response = client.post(
        reverse("accounts:invite"),
        {"email": "Nuovo@a.example.org", "role": "partner", "organisations": [org_a.pk]},
        follow=True,
    )

    assert "Invitation sent to nuovo@a.example.org" in response.content.decode()
    user = get_user_model().objects.get(email="nuovo@a.example.org")
    assert not user.has_usable_password()
    assert list(user.memberships.values_list("organization", flat=True)) == [org_a.pk]
    assert [m.to for m in mail.outbox] == [["nuovo@a.example.org"]]
    body = mail.outbox[0].body
    assert org_a.name in body
    path = re.search(r"https://geoplan\.example\.org(/accounts/reset/\S+/)", body)[1]

    client.logout()
    form = client.get(path, follow=True)
    done = client.post(
        form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.url == reverse("accounts:password_reset_complete")
    login = client.post(
        reverse("accounts:login"), {"username": user.email, "password": NEW_PASSWORD}
    )
    assert login.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.mark.parametrize(
    "data, error",
    [
        ({"email": "anna@a.example.org", "role": "partner"}, "exists already"),
        ({"email": "solo@x.example.org", "role": "partner"}, "needs the organisation"),
    ],
)
def test_a_refused_invitation_creates_nothing(client, moderator, partner_a, data, error):
    client.force_login(moderator)
    users = get_user_model().objects.count()

    response = client.post(reverse("accounts:invite"), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    assert get_user_model().objects.count() == users
    assert mail.outbox == []


def test_a_failed_email_creates_nothing(client, moderator, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", refuse)
    client.force_login(moderator)

    response = client.post(
        reverse("accounts:invite"), {"email": "staff@comune.example.org", "role": "planner"}
    )

    assert "could not be e-mailed" in response.content.decode()
    assert not get_user_model().objects.filter(email="staff@comune.example.org").exists()


def test_only_moderators_invite(client, partner_a):
    assert client.get(reverse("accounts:invite")).status_code == 302
    client.force_login(partner_a)
    response = client.post(
        reverse("accounts:invite"), {"email": "x@x.example.org", "role": "moderator"}
    )
    assert response.status_code == 403
    assert not get_user_model().objects.filter(email="x@x.example.org").exists()


def test_a_moderator_cannot_invite_another_moderator(client, moderator):
    client.force_login(moderator)
    response = client.post(
        reverse("accounts:invite"), {"email": "second@comune.example.org", "role": "moderator"}
    )
    assert response.status_code == 200
    assert "moderator" not in [c[0] for c in response.context["form"].fields["role"].choices]
    assert not get_user_model().objects.filter(email="second@comune.example.org").exists()
    assert mail.outbox == []


def test_a_short_or_common_password_is_refused(org_a):
    from django.core.exceptions import ValidationError

    from geoplan.accounts.creation import create_account

    for weak in ("abc", "password123", "12345678901"):
        with pytest.raises(ValidationError):
            create_account("weak@a.example.org", "partner", [org_a.pk], password=weak)
    assert not get_user_model().objects.filter(email="weak@a.example.org").exists()
