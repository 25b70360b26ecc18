"""The ranked gap table (the run's ranks, ties shown as ties, each zone opening its panel) and
the need layer."""

import re

import pytest

from .helpers import choose, open_map

pytestmark = pytest.mark.browser


def ranks(page):
    return page.locator("#gap-table tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.zone, r.dataset.rank])"
    )


def test_the_gap_table_ranks_as_the_run_shows_ties_and_opens_the_zone_panel(page, site_url):
    open_map(page, site_url)
    rows = ranks(page)
    assert len(rows) == 94
    numbers = [int(label.lstrip("=")) for _zone, label in rows]
    assert numbers == sorted(numbers) and numbers[0] == 1
    for (_zone, label), n in zip(rows, numbers, strict=True):
        same = numbers.count(n)
        # A rank shared by several zones is written "=n" every time; a rank of its own, "n".
        assert label == (f"={n}" if same > 1 else str(n))
    # Recomputed in the page from the saved weights at 15 minutes, the ranks are the run's.
    api = page.request.get(
        site_url + "/api/access/worst/?category=night_shelter&profile=standard&n=94"
    ).json()
    assert rows == [[z["code"], z["rank_label"]] for z in api["zones"]]
    first = api["zones"][0]
    entry = page.locator("#gap-table tbody tr").first.inner_text()
    assert first["name"] in entry
    assert f"{round(first['gap_people']):,}" in entry
    assert f"{first['population']:,}" in entry
    assert f"{first['mean_min']:.1f}" in entry

    zoom = page.evaluate("window.geoplan.map.getZoom()")
    page.click("#gap-table tbody tr:first-child .zone-link")
    panel = page.locator("#zone-panel")
    panel.locator("#zone-panel-title").wait_for()
    assert first["name"] in panel.locator("#zone-panel-title").inner_text()
    assert page.evaluate("window.geoplan.map.getZoom()") > zoom
    assert page.locator(".leaflet-highlight-pane path.zone-highlight").count() >= 1
    text = panel.inner_text()
    detail = page.request.get(site_url + f"/api/zones/{first['code']}/?profile=standard").json()
    # Access for every category, the chosen category's need components, the sites nearby.
    for access in detail["access"]:
        assert access["category_name"] in text
    chosen = next(a for a in detail["access"] if a["category"] == "night_shelter")
    for component in chosen["components"]:
        assert component["label"] in text
    for site in detail["sites_nearby"][:3]:
        assert site["name"] in text
    page.click("#zone-panel .zone-close")
    assert panel.is_hidden()
    assert page.locator("path.zone-highlight").count() == 0
    assert page.js_errors == []


def test_slow_walkers_reload_the_gap_table(page, site_url):
    open_map(page, site_url)
    choose(page, "#profile", "slow")
    api = page.request.get(
        site_url + "/api/access/worst/?category=night_shelter&profile=slow&n=10"
    ).json()
    names = page.locator("#gap-table tbody tr .zone-link").all_inner_texts()[: len(api["zones"])]
    assert names == [f"{z['code']} {z['name']}" for z in api["zones"]]
    entry = page.locator("#gap-table tbody tr").first.inner_text()
    assert f"{api['zones'][0]['mean_min']:.1f}" in entry


def test_a_zone_popup_opens_the_same_panel(page, site_url):
    open_map(page, site_url)
    page.evaluate(
        """() => { const l = window.geoplan.layers['zones-density'].getLayers()[0];
        l.openPopup(); }"""
    )
    name = page.evaluate(
        "window.geoplan.layers['zones-density'].getLayers()[0].feature.properties.name"
    )
    page.click(".leaflet-popup-content .zone-details")
    page.locator("#zone-panel-title").wait_for()
    assert name in page.inner_text("#zone-panel-title")


def test_the_need_index_draws_on_the_zones_with_a_legend_naming_source_and_year(page, site_url):
    open_map(page, site_url)
    page.select_option("#need-layer", "need")
    page.wait_for_selector("#need-legend:not([hidden]) li")
    assert page.locator(".leaflet-need-pane path.layer-need").count() == 94
    need = page.request.get(
        site_url + "/api/access/need/?category=night_shelter&profile=standard"
    ).json()
    legend = page.inner_text("#need-legend")
    assert need["source"] and need["source"] in legend
    assert need["year"] and str(need["year"]) in legend
    assert need["unit"] in legend
    assert page.locator("#need-legend li").count() == len(need["legend"]["breaks"])
    assert "Night shelter" in legend
    # Zones are coloured from the legend's classes, joined by code to the values.
    fills = set(
        page.locator("path.layer-need").evaluate_all("els => els.map(e => e.getAttribute('fill'))")
    )
    assert fills <= set(need["legend"]["colors"]) | {"#cccccc"} and len(fills) > 1
    # The zone polygons were not fetched again for it.
    assert (
        page.evaluate(
            "performance.getEntriesByType('resource')"
            ".filter(e => /\\/api\\/zones\\/(\\?|$)/.test(e.name)).length"
        )
        == 1
    )
    # The need index follows the chosen category.
    choose(page, "#category", "food_distribution")
    page.wait_for_function(
        "document.getElementById('need-legend').innerText.includes('Food and basic goods')"
    )
    assert page.locator("path.layer-need").count() == 94
    assert page.js_errors == []


def test_an_indicator_draws_as_the_need_layer_with_its_provenance(page, site_url):
    open_map(page, site_url)
    indicators = page.request.get(site_url + "/api/indicators/").json()
    option = page.locator("#need-layer optgroup option").first
    value = option.get_attribute("value")
    code = value.split(":", 1)[1]
    indicator = next(i for i in indicators if i["code"] == code)
    page.select_option("#need-layer", value)
    page.wait_for_function(
        "t => document.getElementById('need-legend').innerText.includes(t)", arg=indicator["label"]
    )
    legend = page.inner_text("#need-legend")
    assert indicator["source"] in legend
    if indicator["year"]:
        assert str(indicator["year"]) in legend
    detail = page.request.get(site_url + f"/api/indicators/{code}/").json()
    assert page.evaluate("window.geoplan.counts.need") == len(detail["values"])
    page.select_option("#need-layer", "")
    assert page.locator("path.layer-need").count() == 0
    assert re.search(r"\S", page.inner_text("#need-title"))
