"""The comparison page says what each scenario's results warn of, under its title and named by
its side: here B sets a night shelter's capacity, which counts for nothing where night shelters
count sites."""

import pytest

from tests.jobs.conftest import committed

CATEGORY = "night_shelter"

pytestmark = pytest.mark.browser

EMAIL = "compare.warnings@comune.example.org"
PASSWORD = "Compare-warnings-2026"


@pytest.fixture
def scenarios():
    """A committed planner with two scenarios: A opens a night shelter, B sets a published one's
    capacity. Removed afterwards."""
    from django.contrib.auth import get_user_model

    from geoplan.accounts.creation import create_account
    from geoplan.planning.edits import add_edits, published_services
    from geoplan.planning.models import Scenario

    def create():
        owner = create_account(EMAIL, "planner", password=PASSWORD)
        a = Scenario.objects.create(name="Nuovo dormitorio", owner=owner)
        add_edits(a, [{"kind": "add", "category": CATEGORY, "lon": 7.68, "lat": 45.10}])
        b = Scenario.objects.create(name="Più posti letto", owner=owner)
        site = published_services().filter(category__code=CATEGORY).order_by("site_id").first()
        add_edits(
            b, [{"kind": "capacity", "site": site.site_id, "category": CATEGORY, "capacity": 60}]
        )
        return a.pk, b.pk

    ids = committed(create)
    yield ids

    def remove():
        Scenario.objects.filter(owner__username=EMAIL).delete()
        get_user_model().objects.filter(username=EMAIL).delete()

    committed(remove)


def test_each_scenarios_warnings_are_shown_with_its_side(page, site_url, scenarios):
    a, b = scenarios
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": site_url}])
    page.goto(f"{site_url}/accounts/login/?next=/plan/compare/%3Fa%3D{a}%26b%3D{b}")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_selector("body[data-compare-ready=true]", timeout=60_000)
    notes = page.locator("#compare-status .ws-warning").all_inner_texts()
    assert len(notes) == 1
    assert notes[0].startswith("Scenario B: Capacities do not count for ")
    assert page.js_errors == []
