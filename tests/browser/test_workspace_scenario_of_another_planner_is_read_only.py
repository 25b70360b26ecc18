"""Whether the workspace offers to change a scenario is the server's answer (can_change): the
browser planner's own scenario shows its edit tools and delete button; another planner's opens
read-only, naming its owner, with no edit tools, delete button or popup buttons to change it."""

import pytest

from tests.jobs.conftest import committed

from .helpers import open_map, planner_account

pytestmark = pytest.mark.browser

OTHER = "other.planner@comune.example.org"


@pytest.fixture
def scenarios():
    """Two committed scenarios adding a night shelter: the browser planner's, another
    planner's. Removed afterwards with the other planner."""
    from django.contrib.auth import get_user_model

    from geoplan.accounts.creation import create_account
    from geoplan.planning.edits import add_edits
    from geoplan.planning.models import Scenario

    email, _password = planner_account()
    edit = {"kind": "add", "category": "night_shelter", "lon": 7.68, "lat": 45.10}

    def create():
        mine = Scenario.objects.create(
            name="Mio", owner=get_user_model().objects.get(username=email)
        )
        theirs = Scenario.objects.create(name="Altrui", owner=create_account(OTHER, "planner"))
        for s in (mine, theirs):
            add_edits(s, [edit])
        return mine.pk, theirs.pk

    def remove():
        Scenario.objects.filter(pk__in=ids).delete()
        get_user_model().objects.filter(username=OTHER).delete()

    ids = committed(create)
    yield ids
    committed(remove)


def opened(page, site_url, pk):
    open_map(page, site_url, f"?scenario={pk}")
    page.wait_for_selector(f"#ws-results[data-ready=true][data-scenario='{pk}']", timeout=60_000)


def test_only_a_scenario_the_server_lets_change_offers_its_tools(page, site_url, scenarios):
    mine, theirs = scenarios
    opened(page, site_url, mine)
    assert page.locator("#ws-edit-tools").is_visible()
    assert page.locator("#ws-scenario-delete").is_visible()
    assert page.locator("#ws-read-only").is_hidden()
    assert page.locator("#ws-edits button.remove").count() == 1

    opened(page, site_url, theirs)
    assert page.locator("#ws-read-only").is_visible()
    assert OTHER in page.inner_text("#ws-read-only")
    assert page.locator("#ws-edit-tools").is_hidden()
    assert page.locator("#ws-scenario-delete").count() == 0
    assert page.locator("#ws-edits button.remove").count() == 0
    # The proposed site's popup offers its walking areas, not its removal.
    page.locator(".leaflet-marker-icon.ws-proposed-icon").first.click()
    popup = page.locator(".ws-proposed-popup")
    popup.wait_for()
    assert popup.locator("button").count() == 1
    assert page.js_errors == []
