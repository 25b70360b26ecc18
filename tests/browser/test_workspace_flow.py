"""The planners' workspace end to end, in a browser, with a real siting worker: a planner logs
in, makes a scenario of two new night shelters and one closure and reads its combined change
(the same figures as scenario_results computed here), asks for the best two new sites and
watches the job's progress bar to the answer, compares the two scenarios on the comparison
page, downloads the comparison's CSV and the scenario's map report, and opens the report from
disk with every web request refused."""

import csv
import re

import pytest
from django.test import override_settings

from tests.jobs.conftest import Worker, committed, purge_queues

from .axe import serious_violations

pytestmark = pytest.mark.browser

EMAIL = "flow.planner@comune.example.org"
PASSWORD = "Flow-planner-2026"
CATEGORY = "night_shelter"
# Two places inside Turin without a night shelter within a few minutes' walk.
NEW_SITES = [(45.1000, 7.6800), (45.0350, 7.6350)]
READY = "body[data-map-ready=true]"

# An isolated marker of a published site with a night shelter, so that a click finds it alone.
NIGHT_SHELTER_MARKER = """([category, alone]) => {
  const map = window.geoplan.map;
  const size = map.getSize();
  const markers = [];
  window.geoplan.layers.sites.eachLayer((m) => markers.push(m));
  const points = markers.map((m) => map.latLngToContainerPoint(m.getLatLng()));
  for (let i = 0; i < markers.length; i++) {
    const p = points[i];
    const f = markers[i].feature;
    const inside = p.x > 40 && p.y > 40 && p.x < size.x - 40 && p.y < size.y - 40;
    const lonely = points.every((q, j) => j === i || p.distanceTo(q) > alone);
    const ofCategory = f.properties.services.some((s) => s.category === category);
    if (inside && lonely && ofCategory) return { x: p.x, y: p.y, id: f.id, name: f.properties.name };
  }
  return null;
}"""

# Every value the siting job's progress bar shows, in order.
WATCH_PROGRESS = """() => {
  window.progressSeen = [];
  const box = document.getElementById("ws-siting-progress");
  new MutationObserver(() => {
    const bar = box.querySelector("progress");
    if (bar) window.progressSeen.push(Number(bar.value));
  }).observe(box, { childList: true, subtree: true, attributes: true });
}"""


@pytest.fixture
def flow(tmp_path):
    """A committed planner and a worker on the siting queue (the test database's); what the
    flow made (scenarios, jobs, the account) is removed afterwards."""
    from django.contrib.auth import get_user_model

    from geoplan.accounts.creation import create_account
    from geoplan.jobs.models import Job
    from geoplan.planning.models import Scenario

    users = get_user_model()
    last_job = committed(
        lambda: Job.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    )
    committed(lambda: create_account(EMAIL, "planner", password=PASSWORD))
    purge_queues()
    worker = Worker("workspace-flow", "siting", tmp_path)
    try:
        yield tmp_path
    finally:
        worker.stop()
        purge_queues()

        def remove():
            Scenario.objects.filter(owner__username=EMAIL).delete()
            Job.objects.filter(pk__gt=last_job).delete()
            users.objects.filter(username=EMAIL).delete()

        committed(remove)


def number(text: str) -> int:
    """An integer as the page writes it: "+31,290", "−4,555", "0"."""
    cleaned = text.strip().replace("−", "-").replace("+", "").replace(",", "")
    assert re.fullmatch(r"-?\d+", cleaned), text
    return int(cleaned)


def click_map(page, lat, lon):
    x, y = page.evaluate(
        "([lat, lon]) => { const p = window.geoplan.map.latLngToContainerPoint([lat, lon]);"
        " return [p.x, p.y]; }",
        [lat, lon],
    )
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)


def fresh_results(scenario_id):
    """scenario_results computed here, from scratch (no cached answer)."""
    from django.conf import settings

    from geoplan.planning.models import Scenario
    from geoplan.planning.scenarios import scenario_results

    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    with override_settings(CACHES={**settings.CACHES, "shared": dummy}):
        return committed(lambda: scenario_results(Scenario.objects.get(pk=scenario_id), "standard"))


def log_in(page, url):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(f"{url}/accounts/login/?next=/plan/")
    page.fill("#id_username", EMAIL)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    page.wait_for_selector(READY, timeout=30_000)
    page.wait_for_selector("#workspace[data-ready=true]", timeout=30_000)


def make_scenario(page):
    """Two new night shelters (one refused first for its hours) and a closure; its id."""
    page.fill("#ws-new-name", "Due dormitori e una chiusura")
    page.click("#ws-new-submit")
    page.wait_for_selector("#ws-scenario:not([hidden])")
    scenario_id = int(re.search(r"[?&]scenario=(\d+)", page.url).group(1))

    page.click("#ws-place")
    assert page.get_attribute("#ws-place", "aria-pressed") == "true"
    click_map(page, *NEW_SITES[0])
    assert page.input_value("#ws-add-category") == CATEGORY
    page.fill("#ws-add-capacity", "20")
    page.fill("#ws-add-hours", "every evening")
    page.click("#ws-add-submit")
    # The API's sentence is shown beside the form, and nothing is added.
    error = page.locator("#ws-add-error")
    error.wait_for(state="visible")
    assert "opening hours" in error.inner_text()
    assert page.locator("#ws-edits li[data-kind=add]").count() == 0
    page.fill("#ws-add-hours", "Mo-Su 19:00-08:00")
    page.fill("#ws-add-name", "Dormitorio nord (proposto)")
    page.click("#ws-add-submit")
    page.wait_for_selector("#ws-edits li[data-kind=add]")

    click_map(page, *NEW_SITES[1])
    page.click("#ws-add-submit")
    page.wait_for_function("document.querySelectorAll('#ws-edits li[data-kind=add]').length === 2")
    page.click("#ws-place")
    assert page.locator("#ws-add-form").is_hidden()

    shelter = page.evaluate(NIGHT_SHELTER_MARKER, [CATEGORY, 24])
    assert shelter, "no isolated night shelter on the map"
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + shelter["x"], box["y"] + shelter["y"])
    page.click(".leaflet-popup .ws-close-site")
    page.wait_for_selector("#ws-edits li[data-kind=close]")
    assert shelter["name"] in page.inner_text("#ws-edits li[data-kind=close]")
    return scenario_id, shelter


def test_a_planner_builds_sites_and_compares_scenarios_then_takes_the_report_offline(
    browser, page, site_url, flow
):
    log_in(page, site_url)

    # A scenario of two new sites and one closure, and its combined change.
    scenario_id, shelter = make_scenario(page)
    page.wait_for_selector(
        f"#ws-results[data-ready=true][data-scenario='{scenario_id}'][data-edits='3']",
        timeout=60_000,
    )
    proposed = page.locator(".leaflet-marker-icon.ws-proposed-icon:not(.ws-siting-icon)")
    assert proposed.count() == 2
    assert all(
        "PROPOSED – not a real site" in t
        for t in proposed.evaluate_all("ms => ms.map(m => m.title)")
    )
    expected = fresh_results(scenario_id)
    assert CATEGORY in expected["categories"]
    for c in expected["city"]:
        shown = page.locator(f".ws-newly[data-category={c['category']}]").inner_text()
        assert number(shown) == c["delta"]["residents_within_15"], c["category"]
    city = next(c for c in expected["city"] if c["category"] == CATEGORY)
    assert city["delta"]["residents_within_15"] > 0
    row = page.locator(f".ws-city-category[data-category={CATEGORY}] tr[data-measure=n_sites] td")
    assert [number(t) for t in row.all_inner_texts()] == [
        city["before"]["n_sites"],
        city["before"]["n_sites"] + 1,
        1,
    ]
    # The delta layer: every zone, with its legend.
    assert page.locator("#map path.ws-delta-zone").count() == 94
    assert page.locator("#ws-delta-legend li").count() == 7
    assert serious_violations(page, "#workspace") == []

    # The walking areas of a proposed site, drawn as four nested bands, then removed.
    page.locator(".leaflet-marker-icon.ws-proposed-icon").first.click()
    page.click(".leaflet-popup .ws-iso-button")
    page.wait_for_selector("#ws-iso-legend li[data-minutes='20']", timeout=30_000)
    assert page.locator("#map path.ws-iso-band").count() == 4
    assert "download=1" in page.get_attribute("#ws-iso-download", "href")
    page.click("#ws-iso-remove")
    assert page.locator("#ws-isochrones").is_hidden()
    assert page.locator("#map path.ws-iso-band").count() == 0

    # Optimal siting of two new night shelters, followed by its progress bar.
    page.evaluate(WATCH_PROGRESS)
    page.select_option("#ws-siting-category", CATEGORY)
    page.fill("#ws-siting-k", "2")
    page.select_option("#ws-siting-model", "mclp")
    page.click("#ws-siting-submit")
    page.wait_for_selector("#ws-siting-progress progress", timeout=30_000)
    page.wait_for_selector("#ws-siting-answer[data-ready=true]", timeout=120_000)
    seen = page.evaluate("window.progressSeen")
    assert seen[0] < 100 and seen[-1] == 100, seen
    assert seen == sorted(seen), seen
    assert page.get_attribute("#ws-siting-progress", "data-status") == "succeeded"
    from geoplan.jobs.models import Job

    job = committed(lambda: Job.objects.filter(kind="siting").order_by("-pk").first())
    result = job.result
    assert len(result["sites"]) == 2
    status = page.inner_text(".ws-siting-status")
    if result["status"] == "optimal":
        assert "Proven optimal." in status
    else:
        assert "within" in status and "%" in status
    for key in (
        "residents_covered_before",
        "residents_covered_after",
        "need_weighted_covered_after",
    ):
        cells = page.locator(f".ws-siting-figures tr[data-figure={key}] td").all_inner_texts()
        assert number(cells[0]) == round(result[key])
        assert number(cells[1]) == round(result["greedy"][key])
    assert page.locator(".leaflet-marker-icon.ws-siting-icon").count() == 2

    # The answer's scenario opens in the workspace.
    page.click("#ws-siting-scenario")
    siting_id = result["scenario"]
    page.wait_for_selector(
        f"#ws-results[data-ready=true][data-scenario='{siting_id}']", timeout=60_000
    )
    assert f"scenario={siting_id}" in page.url

    # The two scenarios compared.
    page.select_option("#ws-compare-a", str(scenario_id))
    page.select_option("#ws-compare-b", str(siting_id))
    with page.expect_navigation():
        page.click("#ws-compare-link")
    page.wait_for_selector("body[data-compare-ready=true]", timeout=60_000)
    assert page.locator("#map-a path.compare-zone").count() == 94
    assert page.locator("#map-b path.compare-zone").count() == 94
    assert page.locator("#compare-legend li").count() == 7
    city_row = page.locator(
        f"table.compare-city[data-category={CATEGORY}] tr[data-measure=residents_within_15] td"
    ).all_inner_texts()
    siting_city = next(c for c in fresh_results(siting_id)["city"] if c["category"] == CATEGORY)
    a_delta = city["delta"]["residents_within_15"]
    b_delta = siting_city["delta"]["residents_within_15"]
    assert [number(t) for t in city_row] == [a_delta, b_delta, b_delta - a_delta]
    zones_shown = page.locator("#compare-zones tr[data-zone]")
    assert zones_shown.count() > 0

    # The comparison's CSV: the zones shown on the page, with the same changes.
    with page.expect_download() as download:
        page.click("#compare-csv")
    path = flow / "comparison.csv"
    download.value.save_as(path)
    with path.open(encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))
    header, body = table[0], table[1:]
    assert len(body) == 94
    residents = [
        i for i, label in enumerate(header) if label.startswith("Residents within 15 min:")
    ]
    assert len(residents) == 3, header
    by_zone = {r[0]: r for r in body}
    for tr in zones_shown.all():
        code = tr.get_attribute("data-zone")
        shown_values = [number(t) for t in tr.locator("td").all_inner_texts()[3:6]]
        assert [int(float(by_zone[code][i] or 0)) for i in residents] == shown_values, code

    # Back on the map, the first scenario's map report, downloaded and opened from disk.
    page.goto(f"{site_url}/plan/?scenario={scenario_id}&category={CATEGORY}")
    page.wait_for_selector(
        f"#ws-results[data-ready=true][data-scenario='{scenario_id}']", timeout=60_000
    )
    with page.expect_download() as download:
        page.click("#ws-scenario-report")
    report = flow / "report.html"
    download.value.save_as(report)
    assert "<html" in report.read_text(encoding="utf-8")[:2000].lower()

    offline = browser.new_context(viewport={"width": 1280, "height": 800})
    refused = []

    def refuse(route):
        refused.append(route.request.url)
        route.abort()

    offline.route(re.compile(r"^https?://"), refuse)
    disk = offline.new_page()
    errors = []
    disk.on("pageerror", lambda exc: errors.append(str(exc)))
    disk.goto(report.as_uri())
    disk.wait_for_selector(".leaflet-container path.leaflet-interactive", timeout=30_000)
    assert disk.locator(".leaflet-container path.leaflet-interactive").count() >= 94
    assert not errors, errors
    offline.close()
    assert not page.js_errors, page.js_errors
