"""The scenario's map report on a phone (390 px): its layer control starts as its button, so it
no longer covers the top of the map and the zoom buttons, and a tap opens it; on a desk it
starts open."""

import pytest

from . import test_report_offline as offline

pytestmark = pytest.mark.browser

# A committed planner owning a scenario that adds a night shelter and closes another.
scenario_id = offline.scenario_id

OVERLAP = """([a, b]) => {
  const r = document.querySelector(a).getBoundingClientRect();
  const s = document.querySelector(b).getBoundingClientRect();
  return r.left < s.right && s.left < r.right && r.top < s.bottom && s.top < r.bottom;
}"""
# Whether the centre of the element is the element itself (nothing drawn over it).
ON_TOP = """(selector) => {
  const e = document.querySelector(selector);
  const r = e.getBoundingClientRect();
  return e.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
}"""


def saved_report(browser, site_url, scenario, tmp_path):
    context = browser.new_context()
    page = context.new_page()
    offline.log_in(page, site_url)
    answer = page.request.get(f"{site_url}/plan/scenarios/{scenario}/report.html")
    assert answer.status == 200
    path = tmp_path / f"scenario-{scenario}-report.html"
    path.write_bytes(answer.body())
    context.close()
    return path


def opened(browser, path, width, height):
    context = browser.new_context(viewport={"width": width, "height": height}, has_touch=True)
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort()
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(path.as_uri())
    page.wait_for_selector(".leaflet-control-layers", timeout=15_000)
    return context, page, errors


def test_the_layer_control_is_a_button_on_a_phone_and_open_on_a_desk(
    browser,
    site_url,
    scenario_id,
    tmp_path,
):
    path = saved_report(browser, site_url, scenario_id, tmp_path)

    phone, page, errors = opened(browser, path, 390, 844)
    control = page.locator(".leaflet-control-layers")
    assert "leaflet-control-layers-expanded" not in control.get_attribute("class")
    assert not page.evaluate(OVERLAP, [".leaflet-control-layers", ".leaflet-control-zoom"])
    assert page.evaluate(ON_TOP, ".leaflet-control-zoom-in")
    assert page.evaluate(ON_TOP, ".leaflet-control-zoom-out")
    # Still every layer a tap away.
    page.locator(".leaflet-control-layers-toggle").tap()
    page.wait_for_selector(".leaflet-control-layers-expanded")
    assert page.locator(".leaflet-control-layers-overlays input").count() >= 3
    assert errors == []
    phone.close()

    desk, page, errors = opened(browser, path, 1280, 800)
    assert "leaflet-control-layers-expanded" in page.locator(
        ".leaflet-control-layers"
    ).get_attribute("class")
    assert page.evaluate(ON_TOP, ".leaflet-control-zoom-in")
    assert errors == []
    desk.close()
