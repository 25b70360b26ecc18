"""Service markers stay above the zone and cell layers whatever the planner switches."""

import pytest

from .helpers import ALONE_PX, ISOLATED_MARKER, choose, open_map

pytestmark = pytest.mark.browser


def test_a_marker_opens_its_own_popup_after_category_speed_and_layer_changes(page, site_url):
    open_map(page, site_url)
    choose(page, "#category", "food_distribution")
    choose(page, "#profile", "slow")
    # Every area layer on, the zones switched off and on again (re-added last), the cells too.
    page.check("#toggle-zones-gap")
    page.check("#toggle-access-nearest")
    page.uncheck("#toggle-zones-density")
    page.check("#toggle-zones-density")
    choose(page, "#category", "night_shelter")
    assert page.evaluate(
        "['zones-density', 'zones-gap', 'access-nearest', 'sites']"
        ".every(id => window.geoplan.map.hasLayer(window.geoplan.layers[id]))"
    )

    marker = page.evaluate(ISOLATED_MARKER, ALONE_PX)
    assert marker, "no marker stands alone on the map"
    box = page.locator("#map").bounding_box()
    # What the browser itself finds under the pointer is a site marker, not a zone or a cell.
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).getAttribute('class')",
        [box["x"] + marker["x"], box["y"] + marker["y"]],
    )
    assert "site-marker" in hit
    page.mouse.click(box["x"] + marker["x"], box["y"] + marker["y"])
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".site-popup").count() == 1
    text = popup.inner_text()
    assert marker["name"] in text and marker["address"] in text
    assert "Zone details" not in text and "Gap" not in text
    assert page.js_errors == []


def test_areas_and_points_are_drawn_in_panes_stacked_points_on_top(page, site_url):
    open_map(page, site_url)
    page.check("#toggle-zones-gap")
    z = page.evaluate(
        """() => Object.fromEntries(['zones', 'gaps', 'need', 'cells', 'sites'].map(
            name => [name, Number(window.geoplan.map.getPane(name).style.zIndex)]))"""
    )
    assert z["zones"] < z["gaps"] < z["need"] < z["cells"] < z["sites"]
    assert page.locator(".leaflet-sites-pane path.site-marker").count() == page.evaluate(
        "window.geoplan.counts.sites"
    )
    assert page.locator(".leaflet-zones-pane path.layer-zones-density").count() == 94
    assert page.locator(".leaflet-gaps-pane path.layer-zones-gap").count() == 94


def test_a_zone_is_clickable_again_once_the_cells_are_switched_off(page, site_url):
    open_map(page, site_url)
    page.check("#toggle-access-nearest")
    page.uncheck("#toggle-access-nearest")
    # The cells' canvas left the map with its layer: nothing covers the zones.
    assert page.locator(".leaflet-cells-pane canvas").count() == 0
    centre = page.evaluate(
        """() => { const l = window.geoplan.layers['zones-density'].getLayers()[0];
        const p = window.geoplan.map.latLngToContainerPoint(l.getCenter());
        return {x: p.x, y: p.y, name: l.feature.properties.name}; }"""
    )
    box = page.locator("#map").bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).getAttribute('class') || ''",
        [box["x"] + centre["x"], box["y"] + centre["y"]],
    )
    assert "layer-zones-density" in hit or "site-marker" in hit
