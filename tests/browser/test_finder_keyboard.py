"""The finder by keyboard alone: search, choose a suggestion, toggle a chip, show a route,
open a result; the suggestions close with Escape; filters open and toggle."""

from .test_finder_flow import FOOD, STREET, wait_for_answer
from .test_finder_flow import finder as finder_fixture

# The phone-sized finder pages of test_finder_flow, shared.
finder = finder_fixture

MAX_TABS = 60


def active(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement;
            return { id: e.id, cls: e.className, category: e.dataset.category || null,
                     site: e.dataset.site || null, tag: e.tagName,
                     text: (e.innerText || "").trim() }; }"""
    )


def tab_to(page, matches, backwards=False):
    """Presses Tab (or Shift+Tab) until the focused element matches, as a person would."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if matches(active(page)):
            return active(page)
    raise AssertionError(f"not reached by keyboard; focus is on {active(page)}")


def test_search_suggestion_chip_route_and_result_by_keyboard(finder):
    page = finder("it")
    tab_to(page, lambda a: a["id"] == "q")
    page.keyboard.type(STREET, delay=20)
    page.wait_for_selector("#suggestions [data-kind=street]")
    assert page.get_attribute("#q", "aria-expanded") == "true"
    # Down the suggestions to the street; the box points at the option it stands on.
    for _ in range(10):
        page.keyboard.press("ArrowDown")
        option = page.get_attribute("#q", "aria-activedescendant")
        if page.get_attribute(f"#{option}", "data-kind") == "street":
            break
    assert page.get_attribute(f"#{option}", "aria-selected") == "true"
    assert STREET in page.inner_text(f"#{option}")
    page.keyboard.press("Enter")
    wait_for_answer(page)
    assert page.input_value("#q") == STREET
    assert page.is_hidden("#suggestions")

    tab_to(page, lambda a: a["category"] == FOOD)
    page.keyboard.press("Space")
    assert page.get_attribute(f".chip[data-category={FOOD}]", "aria-pressed") == "true"
    page.wait_for_function(
        """() => { const a = window.geoplanFinder.answer;
            return a && a.features.length && a.features.every(
                (f) => f.properties.services.every((s) => s.category === "food_distribution")); }"""
    )
    wait_for_answer(page)
    first = page.locator("#results > li.result").first.get_attribute("data-id")

    focused = tab_to(page, lambda a: "route-button" in a["cls"])
    assert focused["site"] == first
    page.keyboard.press("Enter")
    page.wait_for_selector("#map path.finder-route")
    button = page.locator(f".route-button[data-site='{first}']")
    assert button.get_attribute("aria-pressed") == "true"
    # The focus stays on the button; pressing it again hides the route.
    assert active(page)["site"] == first
    page.keyboard.press("Enter")
    page.wait_for_selector("#map path.finder-route", state="detached")
    assert button.get_attribute("aria-pressed") == "false"

    # Back to the result's name, a link to its page.
    tab_to(page, lambda a: a["tag"] == "A", backwards=True)
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    assert href == f"/sites/{first}/"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{href}")


def test_escape_closes_the_suggestions_and_enter_searches_what_was_typed(finder):
    page = finder("it")
    page.focus("#q")
    page.keyboard.type(STREET, delay=20)
    page.wait_for_selector("#suggestions [data-kind=street]")
    page.keyboard.press("Escape")
    assert page.is_hidden("#suggestions")
    assert page.get_attribute("#q", "aria-expanded") == "false"
    # Enter without a suggestion chosen: the place named as typed, else the first found.
    page.keyboard.press("Enter")
    wait_for_answer(page)
    assert "q=Via+Nizza+230" in page.url
    assert "230" in page.inner_text("#place")


def test_filters_open_and_toggle_by_keyboard(finder):
    page = finder("it", "/?q=Via+Nizza+230&lon=7.66631&lat=45.02984&precision=street")
    wait_for_answer(page)
    tab_to(page, lambda a: a["tag"] == "SUMMARY")
    page.keyboard.press("Enter")
    assert page.get_attribute("#filters", "open") is not None
    tab_to(page, lambda a: a["id"] == "step-free")
    page.keyboard.press("Space")
    assert page.get_attribute("#step-free", "aria-pressed") == "true"
    page.wait_for_url("**step_free=1**")
    tab_to(page, lambda a: a["id"] == "slow", backwards=False)
    page.keyboard.press("Enter")
    page.wait_for_url("**slow=1**")
    assert page.get_attribute("#slow", "aria-pressed") == "true"
