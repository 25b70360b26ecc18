"""The finder's state in its address: a link reproduces the view, the back button returns to
the previous one, and the language switcher keeps it."""

from .test_finder_flow import FOOD, choose_category, choose_street, listed, wait_for_answer
from .test_finder_flow import finder as finder_fixture

# The phone-sized finder pages of test_finder_flow, shared.
finder = finder_fixture


def test_a_link_reproduces_the_view(finder):
    page = finder("it")
    choose_street(page)
    choose_category(page)
    second = page.locator("#results > li.result").nth(1).get_attribute("data-id")
    page.locator(f".route-button[data-site='{second}']").click()
    page.wait_for_selector("#map path.finder-route")
    link = page.url
    shown = listed(page)

    other = finder("it", "/" + link.split("/", 3)[3])
    wait_for_answer(other)
    assert listed(other) == shown
    assert other.input_value("#q") == "Via Nizza 230"
    assert other.get_attribute(f".chip[data-category={FOOD}]", "aria-pressed") == "true"
    other.wait_for_selector("#map path.finder-route")
    assert other.get_attribute(f".route-button[data-site='{second}']", "aria-pressed") == "true"
    assert other.get_attribute("#map-toggle", "aria-expanded") == "true"


def test_the_back_button_returns_to_the_previous_view(finder):
    page = finder("it")
    choose_street(page)
    everything = listed(page)
    choose_category(page)
    assert listed(page) != everything
    page.go_back()
    wait_for_answer(page)
    assert "category=" not in page.url
    assert page.get_attribute(f".chip[data-category={FOOD}]", "aria-pressed") == "false"
    assert listed(page) == everything
    page.go_back()
    page.wait_for_function("() => document.getElementById('results').dataset.state === 'empty'")
    assert page.input_value("#q") == ""
    assert page.is_hidden("#place")
    page.go_forward()
    wait_for_answer(page)
    assert listed(page) == everything


def test_the_language_switcher_keeps_the_view(finder):
    page = finder("it")
    choose_street(page)
    choose_category(page)
    shown = [i["id"] for i in listed(page)]
    state = page.url.split("/", 3)[3]
    assert page.input_value(".language-switch input[name=next]") == "/" + state
    page.select_option("#language-choice", "ar")
    page.click(".language-switch button[type=submit]")
    page.wait_for_selector("html[lang=ar][dir=rtl]")
    page.wait_for_selector("body[data-finder-ready=true]")
    wait_for_answer(page)
    assert page.url.endswith("/" + state)
    assert [i["id"] for i in listed(page)] == shown
    # The language stays for the next pages (the cookie), the site page included.
    page.locator("#results .result-name a").first.click()
    page.wait_for_selector("html[lang=ar]")


def test_filters_are_in_the_address_and_restored(finder):
    page = finder("it", "/?q=Via+Nizza+230&lon=7.66631&lat=45.02984&precision=street")
    wait_for_answer(page)
    page.click("#filters summary")
    page.select_option("#when", "at")
    page.fill("#when-at", "2026-12-01T10:00")
    page.dispatch_event("#when-at", "change")
    page.wait_for_url("**open=2026-12-01T10%3A00**")
    page.select_option("#group", "families")
    page.wait_for_url("**group=families**")
    page.select_option("#speaks", "ar")
    page.wait_for_url("**speaks=ar**")
    page.reload()
    page.wait_for_selector("body[data-finder-ready=true]")
    assert page.input_value("#when") == "at"
    assert page.input_value("#when-at") == "2026-12-01T10:00"
    assert page.input_value("#group") == "families"
    assert page.input_value("#speaks") == "ar"
    assert page.get_attribute("#filters", "open") is not None


def test_a_link_with_only_what_was_typed_finds_it(finder):
    # What the search form sends without its script, or a link someone wrote by hand.
    page = finder("it", "/?q=Via+Nizza+230&category=food_distribution")
    wait_for_answer(page)
    assert "lon=" in page.url and "lat=" in page.url and "category=food_distribution" in page.url
    assert "230" in page.inner_text("#place")
    assert len(listed(page)) == 5
