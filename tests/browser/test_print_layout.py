"""The print layouts in Chromium: the current state and a scenario each print to exactly one
A4 landscape page, the map drawn, the toolbar and its Print button shown on screen only."""

import re

import pytest

from tests.jobs.conftest import committed

pytestmark = pytest.mark.browser

EMAIL = "print.planner@comune.example.org"
PASSWORD = "Print-planner-2026"
# 210 mm less two 10 mm margins, at 96 CSS pixels per inch.
A4_LANDSCAPE_CONTENT_PX = 190 / 25.4 * 96


@pytest.fixture
def scenario_id():
    from django.contrib.auth import get_user_model

    from geoplan.accounts.creation import create_account
    from geoplan.planning.models import Scenario
    from tests.planning.test_export_helpers import make_scenario

    def create():
        owner = create_account(EMAIL, "planner", password=PASSWORD)
        return make_scenario(owner, "Print layout").pk

    def remove():
        Scenario.objects.filter(owner__username=EMAIL).delete()
        get_user_model().objects.filter(username=EMAIL).delete()

    pk = committed(create)
    yield pk
    committed(remove)


def log_in(page, url):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(f"{url}/accounts/login/")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def pdf_pages(pdf: bytes) -> int:
    # Page objects, not the /Pages tree: Chromium writes them uncompressed.
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


@pytest.mark.parametrize("path", ["/plan/print/?category=night_shelter", "scenario"])
def test_it_prints_to_one_a4_landscape_page(page, site_url, scenario_id, path):
    if path == "scenario":
        path = f"/plan/scenarios/{scenario_id}/print/?profile=slow"
    log_in(page, site_url)
    response = page.goto(site_url + path)
    assert response.status == 200
    assert page.locator("svg.print-map path").count() >= 94
    # On screen: the toolbar, with the Print button the script reveals.
    assert page.locator("#print-button").is_visible()

    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    height = page.evaluate("() => document.body.getBoundingClientRect().height")
    assert 0 < height <= A4_LANDSCAPE_CONTENT_PX + 1
    # Nothing of the sheet is cut off by its fixed height.
    hidden = page.evaluate(
        """() => [...document.querySelectorAll('.sheet > *, .side > section')]
             .filter((e) => e.scrollHeight > e.clientHeight + 1).map((e) => e.className)"""
    )
    assert hidden == []
    pdf = page.pdf(format="A4", landscape=True, print_background=True)
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) == 1
    assert page.js_errors == []
