"""The open scenario's export links carry the map's category only when the scenario changes it:
with the map on a category the scenario leaves alone, the print layout, map report and zone
table links leave the category out (the server picks the one the scenario changes most) and
open instead of answering 400; on a category it changes, they carry it."""

from urllib.parse import parse_qs, urlparse

import pytest

from tests.jobs.conftest import committed

from .helpers import choose, open_map, planner_account

pytestmark = pytest.mark.browser

LINKS = ("#ws-scenario-print", "#ws-scenario-report", "#ws-scenario-zones-csv")


@pytest.fixture
def shelter_scenario():
    """A committed scenario of the browser planner adding one night shelter; removed after."""
    from django.contrib.auth import get_user_model

    from geoplan.planning.edits import add_edits
    from geoplan.planning.models import Scenario

    email, _password = planner_account()

    def create():
        owner = get_user_model().objects.get(username=email)
        scenario = Scenario.objects.create(name="Un dormitorio in più", owner=owner)
        add_edits(
            scenario, [{"kind": "add", "category": "night_shelter", "lon": 7.68, "lat": 45.10}]
        )
        return scenario.pk

    pk = committed(create)
    yield pk
    committed(lambda: Scenario.objects.filter(pk=pk).delete())


def query_of(page, selector) -> dict:
    return parse_qs(urlparse(page.get_attribute(selector, "href")).query)


def ready(page, pk):
    page.wait_for_selector(f"#ws-results[data-ready=true][data-scenario='{pk}']", timeout=60_000)


def test_the_links_carry_the_category_only_when_the_scenario_changes_it(
    page, site_url, shelter_scenario
):
    pk = shelter_scenario
    open_map(page, site_url, f"?scenario={pk}&category=food_distribution")
    ready(page, pk)
    for selector in LINKS:
        assert "category" not in query_of(page, selector), selector
    response = page.request.get(site_url + page.get_attribute("#ws-scenario-print", "href"))
    assert response.status == 200, response.text()[:300]

    choose(page, "#category", "night_shelter")
    ready(page, pk)
    for selector in LINKS:
        assert query_of(page, selector)["category"] == ["night_shelter"], selector
    response = page.request.get(site_url + page.get_attribute("#ws-scenario-print", "href"))
    assert response.status == 200, response.text()[:300]
    assert page.js_errors == []
