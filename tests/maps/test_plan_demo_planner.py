"""`manage.py create_demo_accounts` prints an illustrative planner too, whose password opens the
planners' workspace at /plan/."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from geoplan.accounts.roles import is_moderator, is_partner, is_planner

PLANNER = "demo-planner@example.org"


@pytest.fixture
def organisations(db):
    call_command("load_organisations", stdout=StringIO())


def test_the_demo_planner_is_printed_and_opens_the_workspace(
    settings, organisations, monkeypatch, client
):
    settings.DEBUG = True
    settings.GEOPLAN_BASE_URL = "http://demo.example.org:8123"
    monkeypatch.delenv("GEOPLAN_DEMO_PASSWORD", raising=False)
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    text = out.getvalue()

    block = text[text.index("Planner (city staff)") :]
    email, password = re.search(r"e-mail:\s+(\S+)\s+password:\s+(\S+)", block).groups()
    assert email == PLANNER
    assert "http://demo.example.org:8123/plan/" in block

    planner = get_user_model().objects.get(email=PLANNER)
    assert planner.profile.is_illustrative
    assert is_planner(planner) and planner.is_staff and not planner.is_superuser
    assert not is_moderator(planner) and not is_partner(planner)

    response = client.post(reverse("accounts:login"), {"username": PLANNER, "password": password})
    assert response.status_code == 302
    assert client.get(reverse("maps:plan")).status_code == 200


def test_running_again_keeps_one_demo_planner_with_the_new_password(
    settings, organisations, monkeypatch
):
    settings.DEBUG = True
    monkeypatch.setenv("GEOPLAN_DEMO_PASSWORD", "first-demo-password")
    call_command("create_demo_accounts", stdout=StringIO())
    monkeypatch.setenv("GEOPLAN_DEMO_PASSWORD", "second-demo-password")
    call_command("create_demo_accounts", stdout=StringIO())
    planners = get_user_model().objects.filter(email=PLANNER)
    assert planners.count() == 1
    assert planners.get().check_password("second-demo-password")
    assert is_planner(planners.get())
