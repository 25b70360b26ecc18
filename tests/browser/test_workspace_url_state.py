"""The workspace keeps its whole view in the address: opening a link restores category, walking
speed, threshold, map view and need layer; every change is written back; the language switch
keeps the view; values that make no sense fall back to the defaults without an error."""

from urllib.parse import parse_qs, urlparse

import pytest

from .helpers import READY, choose, open_map

pytestmark = pytest.mark.browser

SHARED = (
    "?category=food_distribution&profile=slow&threshold=20&zoom=14&lat=45.06&lon=7.66&need=need"
)


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def test_a_shared_address_restores_the_whole_view(page, site_url):
    open_map(page, site_url, SHARED)
    assert page.input_value("#category") == "food_distribution"
    assert page.input_value("#profile") == "slow"
    assert page.input_value("#threshold") == "20"
    assert page.input_value("#need-layer") == "need"
    assert page.evaluate("window.geoplan.map.getZoom()") == 14
    centre = page.evaluate(
        "(() => { const c = window.geoplan.map.getCenter(); return [c.lat, c.lng]; })()"
    )
    assert centre == pytest.approx([45.06, 7.66], abs=1e-4)
    state = page.evaluate("window.geoplan.snapshot()")
    assert state == {
        "category": "food_distribution",
        "profile": "slow",
        "threshold": 20,
        "scenario": None,
        "need": "need",
    }
    # What depends on them shows them: the need layer, the table's column, the minutes' legend.
    page.wait_for_selector("#need-legend:not([hidden]) li")
    assert "Food and basic goods" in page.inner_text("#need-legend")
    assert "Within 20 min" in page.inner_text("#gap-table thead")
    note = page.locator("fieldset[data-layer=access-nearest] .threshold-note")
    assert note.get_attribute("data-threshold") == "20"
    reach = page.locator("fieldset[data-layer=access-nearest] li").evaluate_all(
        "els => els.map(e => e.dataset.reach)"
    )
    assert reach == ["within", "within", "within", "within", "beyond"]
    # The slow run's results are those shown.
    run = page.request.get(site_url + "/api/need-profiles/food_distribution/?profile=slow").json()
    assert page.get_attribute("#run-info", "data-run") == str(run["run"])
    assert query(page)["lang"] == "en"
    assert page.js_errors == []


def test_every_change_is_written_to_the_address(page, site_url):
    open_map(page, site_url)
    assert query(page)["category"] == "night_shelter" and query(page)["threshold"] == "15"
    choose(page, "#category", "neighbourhood_house")
    choose(page, "#profile", "slow")
    page.select_option("#threshold", "10")
    page.select_option("#need-layer", "need")
    page.evaluate("window.geoplan.map.setView([45.1, 7.7], 15, {animate: false})")
    page.wait_for_function("new URLSearchParams(location.search).get('zoom') === '15'")
    asked = query(page)
    assert asked["category"] == "neighbourhood_house"
    assert asked["profile"] == "slow"
    assert asked["threshold"] == "10"
    assert asked["need"] == "need"
    assert float(asked["lat"]) == pytest.approx(45.1) and float(asked["lon"]) == pytest.approx(7.7)
    # The scenario panel adds and removes its own key through the page, which tells everyone.
    events = page.evaluate(
        """() => { window.heard = [];
        document.addEventListener('geoplan:state', (e) => window.heard.push(e.detail));
        window.geoplan.setUrlState({scenario: 7}); return window.heard; }"""
    )
    assert events[-1]["scenario"] == 7 and events[-1]["category"] == "neighbourhood_house"
    assert query(page)["scenario"] == "7" and query(page)["threshold"] == "10"
    page.select_option("#threshold", "20")
    heard = page.evaluate("window.heard")
    assert heard[-1]["threshold"] == 20 and heard[-1]["scenario"] == 7
    page.evaluate("window.geoplan.setUrlState({scenario: null})")
    assert "scenario" not in query(page) and query(page)["category"] == "neighbourhood_house"
    # The address opened again gives the same view.
    address = page.url
    page.goto(address)
    page.wait_for_selector(READY, timeout=30_000)
    assert page.input_value("#category") == "neighbourhood_house"
    assert page.input_value("#threshold") == "20"
    assert page.evaluate("window.geoplan.map.getZoom()") == 15
    assert page.js_errors == []


def test_the_language_switch_keeps_the_view(page, site_url):
    open_map(page, site_url, SHARED)
    page.select_option("#threshold", "10")
    with page.expect_navigation():
        page.click("form.lang button[value=it]")
    page.wait_for_selector(READY, timeout=30_000)
    assert page.get_attribute("html", "lang") == "it"
    asked = query(page)
    assert asked["lang"] == "it" and asked["category"] == "food_distribution"
    assert asked["profile"] == "slow" and asked["threshold"] == "10" and asked["zoom"] == "14"
    assert page.input_value("#category") == "food_distribution"
    assert page.input_value("#threshold") == "10"
    assert page.evaluate("window.geoplan.map.getZoom()") == 14
    # The API calls speak the page's language too (the switch set the cookie they send).
    shown = page.evaluate("document.getElementById('category').selectedOptions[0].text")
    categories = page.request.get(site_url + "/api/categories/").json()
    italian = next(c["name"] for c in categories if c["code"] == "food_distribution")
    assert shown == italian != "Food and basic goods"
    with page.expect_navigation():
        page.click("form.lang button[value=en]")
    page.wait_for_selector(READY, timeout=30_000)
    assert page.get_attribute("html", "lang") == "en" and query(page)["threshold"] == "10"
    assert page.js_errors == []


def test_a_link_in_italian_opens_the_page_in_italian(page, site_url):
    # The browser's cookie says English; the link says Italian.
    open_map(page, site_url, "?lang=it&category=night_shelter")
    assert page.get_attribute("html", "lang") == "it"
    assert "Bisogni e servizi" in page.inner_text("h1")
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}
    assert cookies["django_language"] == "it"


def test_values_that_make_no_sense_fall_back_to_the_defaults(page, site_url):
    open_map(
        page,
        site_url,
        "?category=mensa&profile=fast&threshold=12&zoom=99&lat=abc&lon=7.6"
        "&need=indicator:nope&scenario=-2&lang=fr",
    )
    assert page.input_value("#category") == "night_shelter"
    assert page.input_value("#profile") == "standard"
    assert page.input_value("#threshold") == "15"
    assert page.input_value("#need-layer") == ""
    asked = query(page)
    assert asked["category"] == "night_shelter" and asked["profile"] == "standard"
    assert asked["threshold"] == "15" and "need" not in asked and "scenario" not in asked
    assert asked["lang"] == "en"
    # The whole city is shown instead of a view that cannot be.
    assert page.evaluate("window.geoplan.map.getZoom()") < 15
    assert page.locator("#gap-table tbody tr").count() == 94
    assert page.inner_text("#status") == ""
    assert page.js_errors == []
