"""`manage.py create_demo_accounts`: an illustrative moderator, partner and planner, only with DEBUG."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from geoplan.accounts.roles import is_moderator, is_partner, is_planner, organisation_ids
from geoplan.registry.models import Organization

MODERATOR = "demo-moderator@example.org"
PARTNER = "demo-partner@example.org"
PLANNER = "demo-planner@example.org"


@pytest.fixture
def organisations(db):
    call_command("load_organisations", stdout=StringIO())


def demo() -> str:
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    return out.getvalue()


def printed_passwords(out: str) -> dict[str, str]:
    emails = re.findall(r"e-mail:\s+(\S+)", out)
    passwords = re.findall(r"password:\s+(\S+)", out)
    return dict(zip(emails, passwords, strict=True))


def test_demo_accounts_are_refused_without_debug(settings, organisations):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="Demo accounts are refused without DEBUG"):
        demo()
    assert not get_user_model().objects.filter(email__in=[MODERATOR, PARTNER]).exists()


def test_demo_accounts_are_illustrative_and_print_how_to_log_in(
    settings, organisations, monkeypatch, client
):
    settings.DEBUG = True
    settings.GEOPLAN_BASE_URL = "http://demo.example.org:8123"
    monkeypatch.delenv("GEOPLAN_DEMO_PASSWORD", raising=False)
    out = demo()
    users = get_user_model().objects
    moderator, partner = users.get(email=MODERATOR), users.get(email=PARTNER)
    assert moderator.profile.is_illustrative and partner.profile.is_illustrative
    assert is_moderator(moderator) and moderator.is_staff and not moderator.is_superuser
    apl = Organization.objects.get(name="Agenzia Piemonte Lavoro")
    assert is_partner(partner) and organisation_ids(partner) == {apl.pk}
    assert not partner.is_staff
    planner = users.get(email=PLANNER)
    assert planner.profile.is_illustrative
    assert is_planner(planner) and planner.is_staff and not planner.is_superuser

    assert "http://demo.example.org:8123/accounts/login/" in out
    assert "/moderation/" in out and "/partner/" in out and "/plan/" in out
    passwords = printed_passwords(out)
    assert set(passwords) == {MODERATOR, PARTNER, PLANNER}
    assert passwords[MODERATOR] != passwords[PARTNER]
    assert all(len(p) == 12 for p in passwords.values())  # secrets.token_urlsafe(9)
    assert moderator.check_password(passwords[MODERATOR])

    # The printed password logs the partner in.
    response = client.post(
        reverse("accounts:login"), {"username": PARTNER, "password": passwords[PARTNER]}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(partner.pk)


def test_running_again_keeps_the_accounts_and_resets_the_password(
    settings, organisations, monkeypatch
):
    settings.DEBUG = True
    monkeypatch.setenv("GEOPLAN_DEMO_PASSWORD", "first-demo-password")
    demo()
    monkeypatch.setenv("GEOPLAN_DEMO_PASSWORD", "second-demo-password")
    out = demo()
    assert printed_passwords(out) == {
        MODERATOR: "second-demo-password",
        PARTNER: "second-demo-password",
        PLANNER: "second-demo-password",
    }
    users = get_user_model().objects
    assert users.filter(email__in=[MODERATOR, PARTNER]).count() == 2
    partner = users.get(email=PARTNER)
    assert partner.check_password("second-demo-password")
    assert not partner.check_password("first-demo-password")
    assert partner.memberships.count() == 1


def test_the_partner_needs_its_organisation_loaded_first(settings, db):
    settings.DEBUG = True
    Organization.objects.filter(name="Agenzia Piemonte Lavoro").delete()
    with pytest.raises(CommandError, match="load_organisations"):
        demo()
    assert not get_user_model().objects.filter(email__in=[MODERATOR, PARTNER]).exists()
