"""The finder for everyone: axe-core finds no serious or critical violation, in Italian and in
Arabic, before and after a search; every visible control is at least 44 x 44 CSS px on a phone;
the focus is visible; results are announced in a live region."""

import pytest

from .axe import serious_violations
from .test_finder_flow import finder as finder_fixture
from .test_finder_flow import wait_for_answer

# The phone-sized finder pages of test_finder_flow, shared.
finder = finder_fixture

WITH_ROUTE = (
    "/?q=Via+Nizza+230&lon=7.66631&lat=45.02984&precision=street&category=food_distribution"
)
MIN_PX = 44

# Everything a finger can aim at: links, buttons, fields, suggestions, map markers.
TARGETS = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, summary, [role=option], [role=button]')]
  .filter((e) => {
    const r = e.getBoundingClientRect();
    const style = getComputedStyle(e);
    return r.width > 0 && r.height > 0 && style.visibility !== "hidden";
  })
  .map((e) => {
    const r = e.getBoundingClientRect();
    return { what: e.outerHTML.slice(0, 90), width: r.width, height: r.height };
  })"""


def show_everything(page):
    """Results, the filters opened, the map with a route, and suggestions listed."""
    wait_for_answer(page)
    page.click("#filters summary")
    page.locator("#results .route-button").first.click()
    page.wait_for_selector("#map path.finder-route")
    page.fill("#q", "Via Nizza 230")
    page.wait_for_selector("#suggestions [data-kind=street]")


@pytest.mark.parametrize("language", ["it", "ar"])
def test_axe_finds_nothing_serious_at_first(finder, language):
    page = finder(language)
    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["it", "ar"])
def test_axe_finds_nothing_serious_with_results_map_and_suggestions(finder, language):
    page = finder(language, WITH_ROUTE)
    show_everything(page)
    assert serious_violations(page) == []


@pytest.mark.parametrize("language", ["it", "ar"])
def test_every_visible_control_is_a_44px_target(finder, language):
    page = finder(language)
    first = page.evaluate(TARGETS)
    page.goto(page.url.split("?")[0].rstrip("/") + WITH_ROUTE)
    show_everything(page)
    later = page.evaluate(TARGETS)
    # Sanity: the measure saw the chips, the results' links and buttons, and the map's markers.
    whats = " ".join(t["what"] for t in later)
    assert "chip" in whats and "route-button" in whats and "leaflet-marker-icon" in whats
    assert 'role="option"' in whats
    small = [t for t in first + later if t["width"] < MIN_PX - 0.5 or t["height"] < MIN_PX - 0.5]
    assert small == []


def test_the_focus_is_visible(finder):
    page = finder("it")
    for selector in ("#q", ".chip", "#near-me", "#filters summary", "#language-choice"):
        page.focus(selector)
        outline = page.eval_on_selector(
            selector,
            "(e) => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth]; }",
        )
        assert outline[0] != "none" and float(outline[1].rstrip("px")) >= 2, selector


def test_the_answer_is_announced_in_a_live_region(finder):
    page = finder("it", WITH_ROUTE)
    wait_for_answer(page)
    status = page.locator("#status")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    assert "Via Nizza 230" in status.inner_text()
    assert page.locator("#results").get_attribute("aria-busy") is None
