"""`manage.py add_user`: an account with a role and a one-time link to choose its password."""

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from geoplan.accounts.models import Membership, Profile
from geoplan.accounts.roles import is_partner, organisation_ids

NEW_PASSWORD = "Una-password-nuova-2026"


def add_user(*args) -> str:
    out = StringIO()
    call_command("add_user", *args, stdout=out)
    return out.getvalue()


def counts():
    return (
        get_user_model().objects.count(),
        Membership.objects.count(),
        Profile.objects.count(),
    )


def test_a_partner_gets_a_one_time_link_that_sets_its_password(client, org_a, monkeypatch):
    monkeypatch.delenv("GEOPLAN_NEW_USER_PASSWORD", raising=False)
    out = add_user("Nuova.Partner@Example.org", "--role", "partner", "--organisation", org_a.pk)
    user = get_user_model().objects.get(email="nuova.partner@example.org")
    assert is_partner(user) and organisation_ids(user) == {org_a.pk}
    assert not user.has_usable_password()
    assert not user.is_staff

    link = re.search(r"https?://\S+", out).group(0)
    response = client.get(urlsplit(link).path)
    # Django takes the token out of the address and asks for the password on its own page.
    assert response.status_code == 302
    form_page = client.get(response.url)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    response = client.post(
        response.url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    # The new password logs in; the link does not work twice.
    response = client.post(
        reverse("accounts:login"),
        {"username": "nuova.partner@example.org", "password": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    client.logout()
    again = client.get(urlsplit(link).path, follow=True)
    assert not again.context["validlink"]


def test_the_password_can_come_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("GEOPLAN_NEW_USER_PASSWORD", "Scripted-pass-2026")
    out = add_user("marco@comune.example.org", "--role", "moderator")
    user = get_user_model().objects.get(email="marco@comune.example.org")
    assert user.check_password("Scripted-pass-2026")
    assert user.is_staff and not user.profile.is_illustrative
    assert "GEOPLAN_NEW_USER_PASSWORD" in out
    assert "http" not in out  # no link when the password is given


def test_illustrative_accounts_are_marked(db, org_a, monkeypatch):
    monkeypatch.setenv("GEOPLAN_NEW_USER_PASSWORD", "Scripted-pass-2026")
    add_user(
        "esempio@example.org", "--role", "partner", "--organisation", org_a.pk, "--illustrative"
    )
    assert get_user_model().objects.get(email="esempio@example.org").profile.is_illustrative


@pytest.mark.parametrize(
    "args, sentence",
    [
        (["--role", "partner"], "A partner account needs the organisation it belongs to."),
        (
            ["--role", "partner", "--organisation", "987654321"],
            "No organisation has the id 987654321.",
        ),
        (["--role", "planner"], "An account for anna@a.example.org exists already."),
    ],
)
def test_bad_requests_are_refused_with_a_sentence_and_create_nothing(
    partner_a, monkeypatch, args, sentence
):
    monkeypatch.delenv("GEOPLAN_NEW_USER_PASSWORD", raising=False)
    email = "anna@a.example.org" if "planner" in args else "nuovo@example.org"
    before = counts()
    with pytest.raises(CommandError) as refused:
        add_user(email.upper() if "planner" in args else email, *args)
    assert str(refused.value) == sentence
    assert counts() == before
