"""What the finder says when it cannot answer as hoped: near me refused, unavailable or outside
Turin; the API's own sentences on bad input; no place found; nothing matching the filters;
services left out because their hours are only text; the server out of reach."""

import re

from .test_finder_flow import FOOD, label, listed, wait_for_answer
from .test_finder_flow import finder as finder_fixture

# The phone-sized finder pages of test_finder_flow, shared.
finder = finder_fixture

IN_TURIN = {"latitude": 45.0335, "longitude": 7.6672}
IN_MILAN = {"latitude": 45.4642, "longitude": 9.19}
PLACE = "/?q=Via+Nizza+230&lon=7.66631&lat=45.02984&precision=street"


def test_near_me_in_turin_lists_the_nearest_from_there(finder, site_url):
    page = finder("it", geolocation=IN_TURIN, permissions=["geolocation"])
    page.click("#near-me")
    wait_for_answer(page)
    assert "near=1" in page.url and "lon=7.66720" in page.url
    assert len(listed(page)) == 5
    assert page.input_value("#q") == ""


def test_near_me_outside_turin_says_so(finder):
    page = finder("it", geolocation=IN_MILAN, permissions=["geolocation"])
    page.click("#near-me")
    wait_for_answer(page, "error")
    assert label(page, "outsideCity") in page.inner_text("#status")


def test_near_me_refused_says_what_to_do_instead(finder):
    page = finder("it")
    page.context.clear_permissions()
    page.click("#near-me")
    page.wait_for_selector("#status[data-kind=error]")
    assert label(page, "geoDenied") in page.inner_text("#status")


def test_the_apis_sentence_is_shown_for_bad_input(finder, site_url):
    page = finder("it", PLACE + "&open=someday")
    wait_for_answer(page, "error")
    # The API's own sentence, in the page's language, asked of the same server as the page
    # (the page's context carries the Italian language cookie).
    answer = page.request.get(
        site_url + "/api/nearest/?lon=7.66631&lat=45.02984&open_at=someday",
        headers={"Accept-Language": "it"},
    )
    assert answer.status == 400
    sentence = answer.json()["open_at"]
    sentence = sentence if isinstance(sentence, str) else sentence[0]
    assert "someday" in sentence
    assert sentence in page.inner_text("#status")


def test_no_place_found_is_said_with_what_to_try(finder):
    page = finder("it")
    page.fill("#q", "Qwxzqwxz")
    page.click(".search-row button[type=submit]")
    page.wait_for_selector("#status[data-kind=error]")
    assert label(page, "noPlace", q="Qwxzqwxz") in page.inner_text("#status")


def test_nothing_matching_offers_to_remove_the_filters(finder, client):
    page = finder("it", PLACE + "&speaks=ti&step_free=1")
    wait_for_answer(page, "none")
    assert label(page, "noResults") in page.inner_text("#status")
    page.click("#notices button")
    wait_for_answer(page)
    assert "speaks=" not in page.url and "step_free=" not in page.url
    assert page.get_attribute("#step-free", "aria-pressed") == "false"


def test_services_known_only_as_text_are_counted_when_filtering_by_time(finder, client):
    when = "2026-12-01T10:00"
    page = finder("it", f"{PLACE}&category={FOOD}&open={when}")
    # Some places or none: either way an answer, with its count of left-out services.
    page.wait_for_function(
        "() => ['shown', 'none'].includes(document.getElementById('results').dataset.state)"
    )
    answer = client.get(
        "/api/nearest/",
        {"lon": 7.66631, "lat": 45.02984, "limit": 5, "category": FOOD, "open_at": when},
    ).json()
    assert answer["unknown_hours"] > 0
    assert label(page, "unknownHours", n=answer["unknown_hours"]) in page.inner_text("#status")
    assert len(listed(page)) == len(answer["features"])


def test_the_server_out_of_reach_is_said_with_a_way_to_retry(finder):
    # Without the service worker, so that the page's own requests can be cut.
    page = finder("it", service_workers="block")
    page.route(re.compile(r".*/api/nearest/.*"), lambda route: route.abort())
    page.goto(page.url.rstrip("/") + PLACE)
    wait_for_answer(page, "error")
    assert label(page, "networkError") in page.inner_text("#status")
    page.unroute(re.compile(r".*/api/nearest/.*"))
    page.click("#notices button.retry")
    wait_for_answer(page)
    assert len(listed(page)) == 5
