"""The comparison page in a browser: two maps side by side on a desk, one above the other on a
phone, each the change its scenario makes with the same classes and its own proposed or closed
sites; the comparison table; nothing serious for axe-core."""

import pytest

from tests.jobs.conftest import committed

from .axe import serious_violations

pytestmark = pytest.mark.browser

EMAIL = "compare.planner@comune.example.org"
PASSWORD = "Compare-planner-2026"
CATEGORY = "night_shelter"


@pytest.fixture
def scenarios():
    """A committed planner with two scenarios: A opens a night shelter in the north, B closes a
    published night shelter. Removed afterwards."""
    from django.contrib.auth import get_user_model

    from geoplan.accounts.creation import create_account
    from geoplan.planning.edits import add_edits, published_services
    from geoplan.planning.models import Scenario
    from geoplan.planning.scenarios import scenario_results

    def create():
        owner = create_account(EMAIL, "planner", password=PASSWORD)
        a = Scenario.objects.create(name="Nuovo dormitorio a nord", owner=owner)
        add_edits(a, [{"kind": "add", "category": CATEGORY, "lon": 7.68, "lat": 45.10}])
        b = Scenario.objects.create(name="Un dormitorio in meno", owner=owner)
        # The first night shelter whose closure leaves some zone's people beyond 15 minutes.
        sites = (
            published_services()
            .filter(category__code=CATEGORY, site__geom__isnull=False)
            .order_by("site_id")
            .values_list("site_id", flat=True)
            .distinct()
        )
        for site in sites:
            b.edits.all().delete()
            add_edits(b, [{"kind": "close", "site": site}])
            zones = scenario_results(b)["zones"]
            if any((z["delta"]["need_weighted_unserved"] or 0) >= 0.5 for z in zones):
                break
        return a.pk, b.pk

    ids = committed(create)
    yield ids

    def remove():
        Scenario.objects.filter(owner__username=EMAIL).delete()
        get_user_model().objects.filter(username=EMAIL).delete()

    committed(remove)


def open_comparison(page, url, a, b):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(
        f"{url}/accounts/login/?next=/plan/compare/%3Fa%3D{a}%26b%3D{b}%26category%3D{CATEGORY}"
    )
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_selector("body[data-compare-ready=true]", timeout=60_000)


def box(page, selector):
    return page.locator(selector).bounding_box()


def test_two_maps_side_by_side_with_the_same_classes_then_stacked_on_a_phone(
    page, site_url, scenarios
):
    a, b = scenarios
    open_comparison(page, site_url, a, b)

    for side in ("a", "b"):
        assert page.locator(f"#map-{side} path.compare-zone").count() == 94
    # A adds a site (better somewhere, blue), B closes one (worse somewhere, red): one legend,
    # one scale, the colours of both maps taken from it.
    legend = page.locator("#compare-legend li .swatch").evaluate_all(
        "spans => spans.map(s => getComputedStyle(s).backgroundColor)"
    )
    assert len(legend) == 7
    fills = {
        side: set(
            page.locator(f"#map-{side} path.compare-zone").evaluate_all(
                "ps => ps.map(p => p.getAttribute('fill'))"
            )
        )
        for side in ("a", "b")
    }
    blue, red = {"#2166ac", "#67a9cf", "#d1e5f0"}, {"#fddbc7", "#ef8a62", "#b2182b"}
    assert fills["a"] & blue and not fills["a"] & red
    assert fills["b"] & red and not fills["b"] & blue
    # Each map shows its own scenario's edit.
    assert page.locator("#map-a .ws-proposed-icon").count() == 1
    assert "PROPOSED – not a real site" in page.locator("#map-a .ws-proposed-icon").get_attribute(
        "title"
    )
    assert page.locator("#map-b .ws-closed-icon").count() == 1
    assert page.locator("#map-b .ws-proposed-icon").count() == 0

    # The table: the category's city rows and the zones that differ most.
    city = page.locator(f"table.compare-city[data-category={CATEGORY}]")
    assert city.locator("tr[data-measure=residents_within_15] td").count() == 3
    assert page.locator("#compare-zones tr[data-zone]").count() > 0
    assert f"category={CATEGORY}" in page.get_attribute("#compare-csv", "href")

    left, right = box(page, "#map-a"), box(page, "#map-b")
    assert right["x"] >= left["x"] + left["width"] - 1
    assert abs(right["y"] - left["y"]) < 2
    assert serious_violations(page) == []

    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function(
        "() => { const a = document.getElementById('map-a').getBoundingClientRect();"
        " const b = document.getElementById('map-b').getBoundingClientRect();"
        " return b.top >= a.bottom - 1; }"
    )
    top, below = box(page, "#map-a"), box(page, "#map-b")
    assert below["width"] > 300 and top["width"] > 300
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not page.js_errors, page.js_errors
