"""The map and the admin's map widget work in Chromium with the Content-Security-Policy
enforced, as in production: no violation is reported and the maps draw."""

import base64

import pytest

from tests.browser.conftest import browser, site_url  # noqa: F401  (shared server and browser)
from tests.browser.helpers import login_as_planner

pytestmark = [pytest.mark.browser]

# A 1x1 PNG answered for every tile, so that tiles load without the internet.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture
def enforced(settings):
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = False


@pytest.fixture
def csp_page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.route(
        "https://tile.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=PNG),
    )
    page = context.new_page()
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda exc: violations.append(str(exc)))
    page.violations = violations
    yield page
    context.close()


@pytest.mark.django_db
def test_the_map_draws_under_the_enforced_policy(csp_page, site_url, enforced):  # noqa: F811
    login_as_planner(csp_page, site_url, "/methods/")
    response = csp_page.goto(site_url + "/plan/")
    assert "script-src 'self';" in response.headers["content-security-policy"]
    csp_page.wait_for_selector("body[data-map-ready=true]", timeout=30_000)
    assert csp_page.locator("path.layer-zones-density").count() == 94
    assert csp_page.locator("path.site-marker").count() > 0
    csp_page.wait_for_selector("img.leaflet-tile-loaded", timeout=10_000)
    assert csp_page.violations == []


def test_the_admin_site_widget_draws_its_map_under_the_enforced_policy(
    csp_page,
    site_url,  # noqa: F811
    enforced,
    django_db_blocker,
):
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.models import Session

    # The server reads committed data only: this staff user is committed (no test transaction
    # here), then removed.
    users = get_user_model().objects
    with django_db_blocker.unblock():
        users.filter(username="csp-staff").delete()
        users.create_user("csp-staff", password="csp-pass", is_superuser=True, is_staff=True)
    try:
        csp_page.goto(site_url + "/admin/login/?next=/admin/registry/site/add/")
        csp_page.fill("#id_username", "csp-staff")
        csp_page.fill("#id_password", "csp-pass")
        csp_page.click("input[type=submit]")
        csp_page.wait_for_selector(".leaflet-container", timeout=30_000)
        csp_page.wait_for_selector(".leaflet-draw-draw-marker", timeout=10_000)
        csp_page.wait_for_selector("img.leaflet-tile-loaded", timeout=10_000)
        # The boundary of Turin drawn by the site form's own script.
        csp_page.wait_for_selector(".leaflet-overlay-pane path", timeout=10_000)
        assert csp_page.violations == []
    finally:
        with django_db_blocker.unblock():
            users.filter(username="csp-staff").delete()
            Session.objects.all().delete()
