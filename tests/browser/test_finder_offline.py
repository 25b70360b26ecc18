"""Offline after a first visit: the service worker keeps the finder and its last answers, so
that a reload without a network shows the last list with a notice saying so."""

from .test_finder_flow import choose_category, choose_street, label, listed, wait_for_answer
from .test_finder_flow import finder as finder_fixture

# The phone-sized finder pages of test_finder_flow, shared.
finder = finder_fixture

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
# The worker has kept the finder's page and files (it says so once done, after the first visit).
PAGE_KEPT = "body[data-offline-ready=true]"


def test_a_reload_offline_shows_the_last_list_with_a_notice(finder):
    page = finder("it")
    # The worker takes charge of the page once installed (clients.claim).
    page.wait_for_function(CONTROLLED, timeout=30_000)
    choose_street(page)
    choose_category(page)
    online = listed(page)
    assert label(page, "offlineSaved") not in page.inner_text("#status")
    page.wait_for_selector(PAGE_KEPT, state="attached", timeout=30_000)

    page.context.set_offline(True)
    page.reload()
    page.wait_for_selector("body[data-finder-ready=true]", timeout=30_000)
    wait_for_answer(page)
    assert [i["id"] for i in listed(page)] == [i["id"] for i in online]
    assert page.get_attribute(".chip[data-category=food_distribution]", "aria-pressed") == "true"
    status = page.locator("#status")
    assert status.get_attribute("data-kind") == "offline"
    assert label(page, "offlineSaved") in status.inner_text()

    # A search never made online has nothing saved: the page says so.
    page.click(".chip[data-category=night_shelter]")
    wait_for_answer(page, "error")
    assert label(page, "offlineNotSaved") in page.inner_text("#status")
    # Back to the saved view, still offline.
    page.go_back()
    wait_for_answer(page)
    assert [i["id"] for i in listed(page)] == [i["id"] for i in online]


def test_an_answer_loaded_before_the_worker_took_charge_is_kept_too(finder):
    path = "/?q=Via+Nizza+230&lon=7.66631&lat=45.02984&precision=street&category=food_distribution"
    page = finder("it", path)
    wait_for_answer(page)
    shown = listed(page)
    page.wait_for_function(CONTROLLED, timeout=30_000)
    # The page asked the worker to keep the answer it had fetched on its own.
    page.wait_for_selector("body[data-answer-kept=true]", state="attached", timeout=30_000)
    page.wait_for_selector(PAGE_KEPT, state="attached", timeout=30_000)
    page.context.set_offline(True)
    page.reload()
    wait_for_answer(page)
    assert [i["id"] for i in listed(page)] == [i["id"] for i in shown]
    assert page.get_attribute("#status", "data-kind") == "offline"
