"""The scenario's map report, saved to disk, opens in Chromium with the network cut off: the
Leaflet map starts, the zones are drawn, the legend shows, and no script is missing."""

import pytest

from tests.jobs.conftest import committed

pytestmark = pytest.mark.browser

EMAIL = "report.planner@comune.example.org"
PASSWORD = "Report-planner-2026"


@pytest.fixture
def scenario_id():
    """A committed planner owning a scenario that adds a night shelter and closes another;
    removed afterwards."""
    from django.contrib.auth import get_user_model

    from geoplan.accounts.creation import create_account
    from geoplan.planning.models import Scenario
    from tests.planning.test_export_helpers import make_scenario

    def create():
        owner = create_account(EMAIL, "planner", password=PASSWORD)
        return make_scenario(owner, "Report offline", kinds=("add", "close")).pk

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


def test_the_saved_report_works_without_the_internet(browser, site_url, scenario_id, tmp_path):
    online = browser.new_context()
    page = online.new_page()
    log_in(page, site_url)
    answer = page.request.get(f"{site_url}/plan/scenarios/{scenario_id}/report.html")
    assert answer.status == 200
    assert answer.headers["content-disposition"].startswith("attachment;")
    path = tmp_path / f"scenario-{scenario_id}-report.html"
    path.write_bytes(answer.body())
    online.close()

    offline = browser.new_context(viewport={"width": 1280, "height": 800})
    asked, failed, errors = [], [], []

    def only_files(route):
        asked.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    offline.route("**/*", only_files)
    report = offline.new_page()
    report.on("requestfailed", lambda r: failed.append((r.resource_type, r.url)))
    report.on("pageerror", lambda exc: errors.append(str(exc)))
    report.goto(path.as_uri())
    report.wait_for_selector(".leaflet-container", timeout=15_000)
    # Every zone, and the isochrones of the added site, drawn as SVG paths.
    assert report.locator(".leaflet-overlay-pane path").count() >= 94
    assert report.locator("#report-legend").is_visible()
    assert report.locator(".report-symbol").count() == 2
    assert report.evaluate("() => typeof L === 'object' && L.version") == "1.9.3"
    assert "There is no base map" in report.locator("#no-base-map").inner_text()
    assert errors == []
    assert [f for f in failed if f[0] in ("script", "stylesheet")] == []
    assert [url for url in asked if not url.startswith("file:")] == []
    offline.close()
