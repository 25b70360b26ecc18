"""The what-if on the map: a category without any site, several proposals at once, a stray point."""

import re

import pytest

from .helpers import ALONE_PX, ISOLATED_MARKER, choose, click_at, open_map

pytestmark = pytest.mark.browser

CENTRE = (45.0712, 7.6858)  # Porta Nuova
MIRAFIORI = (45.0300, 7.6300)
FALCHERA = (45.1200, 7.7000)


def total_newly_within(page):
    text = page.locator("#whatif-totals .total").inner_text()
    return int(re.sub(r"\D", "", text.split("residents")[0]))


def propose(page, lat, lon, expected):
    click_at(page, lat, lon)
    page.wait_for_function(
        "n => window.geoplan.whatif && window.geoplan.whatif.sites.length === n", arg=expected
    )


def test_housing_first_what_if_counts_residents_newly_within_15_minutes(page, site_url):
    open_map(page, site_url)
    choose(page, "#category", "housing_first")
    page.click("#whatif-start")
    propose(page, *CENTRE, expected=1)
    totals = page.locator("#whatif-totals").inner_text()
    assert "residents newly within 15 min" in totals
    assert total_newly_within(page) > 0
    first = page.locator("#whatif-list li").first.inner_text()
    # No Housing First site exists: the zone's walk starts from unreachable.
    assert "from unreachable to" in first and "+" in first
    answer = page.evaluate("window.geoplan.whatif")
    assert total_newly_within(page) == answer["totals"]["newly_within_15"]
    assert page.js_errors == []


def test_two_proposals_give_one_combined_answer_with_totals(page, site_url):
    open_map(page, site_url)
    page.click("#whatif-start")
    propose(page, *MIRAFIORI, expected=1)
    one = total_newly_within(page)
    propose(page, *FALCHERA, expected=2)
    both = total_newly_within(page)
    assert both > one > 0
    assert page.locator("#whatif-proposals li").count() == 2
    assert page.locator("path.proposed-marker").count() == 2
    # The page shows what the API answers for the same two points, asked on its own.
    sites = page.evaluate("window.geoplan.whatif.sites")
    body = {"sites": [{k: s[k] for k in ("lon", "lat", "category")} for s in sites]}
    # The page's session is a planner's: a write needs its CSRF token.
    token = page.evaluate("JSON.parse(document.getElementById('map-config').textContent).csrfToken")
    api = page.request.post(
        site_url + "/api/access/what-if", data=body, headers={"X-CSRFToken": token}
    ).json()
    assert both == api["totals"]["newly_within_15"]
    zones = page.locator("#whatif-totals .total").inner_text()
    assert f"{api['totals']['zones_gaining']} zones gain" in zones
    closer = [z for z in api["zones"] if z["effect"] == "closer"]
    assert page.locator("#whatif-closer li").count() == len(closer)
    if closer:
        assert page.locator("#whatif-closer-title").is_visible()
    # Removing a proposal recomputes the answer for the one left.
    page.click("#whatif-proposals li:nth-child(2) button.remove")
    page.wait_for_function("window.geoplan.whatif.sites.length === 1")
    assert total_newly_within(page) == one
    assert page.js_errors == []


def test_a_proposal_outside_turin_is_refused_and_the_others_are_kept(page, site_url):
    open_map(page, site_url)
    page.click("#whatif-start")
    propose(page, *MIRAFIORI, expected=1)
    # The south-west corner of the city's bounding box lies outside the boundary.
    corner = page.evaluate(
        "(() => { const b = window.geoplan.layers['zones-density'].getBounds();"
        " return [b.getSouth() + 0.002, b.getWest() + 0.002]; })()"
    )
    click_at(page, *corner)
    page.wait_for_function(
        "document.getElementById('whatif-status').innerText.includes('inside the City of Turin')"
    )
    assert "A proposed site must be inside the City of Turin." in page.inner_text("#whatif-status")
    assert "registers sites" not in page.inner_text("#whatif-status")
    assert page.locator("#whatif-proposals li").count() == 1
    assert page.locator("path.proposed-marker").count() == 1
    assert page.js_errors == []


def test_a_marker_opens_its_popup_again_once_placing_is_done(page, site_url):
    open_map(page, site_url)
    page.click("#whatif-start")
    assert page.get_attribute("#whatif-start", "aria-pressed") == "true"
    page.click("#whatif-start")
    assert page.get_attribute("#whatif-start", "aria-pressed") == "false"
    # A real click on a marker: with placing done it proposes nothing and opens the popup.
    marker = page.evaluate(ISOLATED_MARKER, ALONE_PX)
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + marker["x"], box["y"] + marker["y"])
    page.locator(".leaflet-popup-content .site-popup").wait_for()
    assert marker["name"] in page.inner_text(".leaflet-popup-content")
    assert page.evaluate("window.geoplan.whatif") is None
    assert page.locator("path.proposed-marker").count() == 0
