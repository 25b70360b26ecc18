"""How one answer reads: loading said while waiting; states open, closed and unknown in words;
hours as published marked with their language; approximate locations and illustrative records
flagged; markers and list in step.

The answers are the API's own, fetched through the page and altered where the loaded data has
no example (no illustrative record, no service with a language other than Italian)."""

import json
import re

from .test_finder_flow import finder as finder_fixture
from .test_finder_flow import label, listed, wait_for_answer

# The phone-sized finder pages of test_finder_flow, shared.
finder = finder_fixture

PLACE = "/?q=Via+Nizza+230&lon=7.66631&lat=45.02984&precision=street&category=food_distribution"
NEAREST = re.compile(r".*/api/nearest/.*")

OPEN = {"state": "open", "label": "Open now · closes at 18:00", "opens_at": None, "closes_at": None}
CLOSED = {"state": "closed", "label": "Closed · opens Monday at 09:00", "opens_at": None}


def altered(route):
    """The real answer, with its first site illustrative and street-level, and its first
    three services open, closed and known only from a text written in English."""
    body = route.fetch().json()
    first = body["features"][0]["properties"]
    first["is_illustrative"] = True
    first["location_precision"] = "street"
    services = [s for f in body["features"] for s in f["properties"]["services"]]
    services[0]["open_state"] = OPEN
    services[1]["open_state"] = CLOSED
    services[2]["open_state"] = {
        "state": "unknown",
        "label": "Hours as published: Tuesdays 9-12",
        "hours_text": "Tuesdays 9-12",
    }
    services[2]["text_language"] = "en"
    route.fulfill(status=200, content_type="application/json", body=json.dumps(body))


def test_loading_is_said_while_the_answer_is_on_its_way(finder):
    page = finder("it", service_workers="block")
    held = []
    page.route(NEAREST, lambda route: held.append(route))
    page.goto(page.url.rstrip("/") + PLACE, wait_until="commit")
    page.wait_for_function("() => document.getElementById('results').dataset.state === 'loading'")
    assert label(page, "loading") in page.inner_text("#status")
    assert page.get_attribute("#results", "aria-busy") == "true"
    assert page.get_attribute("body", "data-finder-ready") is None
    held[0].continue_()
    wait_for_answer(page)
    assert page.get_attribute("#results", "aria-busy") is None
    assert page.get_attribute("body", "data-finder-ready") == "true"


def test_states_flags_and_languages_read_as_words(finder):
    page = finder("it", service_workers="block")
    page.route(NEAREST, altered)
    page.goto(page.url.rstrip("/") + PLACE)
    wait_for_answer(page)
    states = page.locator("#results .state")
    assert states.nth(0).get_attribute("data-state") == "open"
    assert "Open now · closes at 18:00" in states.nth(0).inner_text()
    assert states.nth(1).get_attribute("data-state") == "closed"
    assert "Closed · opens Monday at 09:00" in states.nth(1).inner_text()
    unknown = states.nth(2)
    assert unknown.get_attribute("data-state") == "unknown"
    assert label(page, "hoursAsPublished") in unknown.inner_text()
    # The published text carries its own language for screen readers.
    assert unknown.locator("span[lang=en]").inner_text() == "Tuesdays 9-12"
    # Colour is not the only sign: each state has its own words and mark.
    marks = [states.nth(i).locator(".state-mark").inner_text() for i in range(3)]
    assert len(set(marks)) == 3

    first = page.locator("#results > li.result").first
    badge = first.locator(".badge.illustrative").inner_text()
    assert badge == label(page, "illustrative")
    assert label(page, "approximate") in first.locator(".notice.approximate").inner_text()
    assert page.locator("#results .badge.illustrative").count() == 1


def test_markers_and_list_are_in_step(finder):
    page = finder("it", PLACE)
    wait_for_answer(page)
    items = listed(page)
    page.click("#map-toggle")
    page.wait_for_selector("#map-panel[data-state=ready]")
    markers = page.locator("#map .leaflet-marker-icon")
    assert markers.count() == len(items)
    # Numbered as the list, named as its places.
    assert [markers.nth(i).inner_text() for i in range(len(items))] == [
        str(n) for n in range(1, len(items) + 1)
    ]
    assert markers.nth(2).get_attribute("title").startswith("3. ")
    # Markers may overlap at the city's scale: chosen by keyboard, as Leaflet allows.
    markers.nth(2).focus()
    page.keyboard.press("Enter")
    third = page.locator("#results > li.result").nth(2)
    page.wait_for_selector("#map path.finder-route")
    assert "selected" in third.get_attribute("class")
    assert third.locator(".route-button").get_attribute("aria-pressed") == "true"
    assert f"site={items[2]['id']}" in page.url
    assert page.locator("#map .leaflet-marker-icon.pin-selected").inner_text() == "3"
    # The keyboard's focus stays on the marker chosen.
    assert page.evaluate("() => document.activeElement.title").startswith("3. ")
    # Hiding the map keeps the list as it is.
    page.click("#map-toggle")
    assert page.is_hidden("#map-panel")
    assert page.get_attribute("#map-toggle", "aria-expanded") == "false"
    assert "map=1" not in page.url
