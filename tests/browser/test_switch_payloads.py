"""A category or speed switch fetches only what the choice changes, and draws the cells from their
H3 indexes."""

import pytest

from geoplan.access.models import AccessCell, AccessRun

from .helpers import choose, open_map

pytestmark = pytest.mark.browser

# Fetched once when the map opens, never again on a switch.
FIXED = ("/api/zones/", "/api/sites/", "/api/layers/", "/api/categories/")


def api_paths(requests):
    return [r.split("://", 1)[1].split("/", 1)[1] for r in requests if "/api/" in r]


def test_a_category_switch_fetches_only_what_the_category_changes(page, site_url):
    open_map(page, site_url)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    choose(page, "#category", "food_distribution")
    paths = ["/" + p for p in api_paths(requests)]
    assert any(p.startswith("/api/access/cells/h3/?category=food_distribution") for p in paths)
    assert any(p.startswith("/api/access/zones/values/?category=food_distribution") for p in paths)
    assert not [p for p in paths if p.startswith(FIXED)], paths
    # Neither the cells' hexagons nor the zones' polygons travel again.
    assert not [p for p in paths if p.startswith(("/api/access/cells/?", "/api/access/zones/?"))]
    assert page.js_errors == []


def test_the_cells_are_drawn_from_their_h3_indexes(page, site_url):
    open_map(page, site_url)
    choose(page, "#category", "neighbourhood_house")
    run = AccessRun.objects.latest_completed("standard")
    drawn = page.evaluate(
        """() => {
        const out = {};
        window.geoplan.layers['access-nearest'].eachLayer((l) => {
            out[l.feature.properties.h3] = l.getLatLngs()[0].map((p) => [p.lng, p.lat]);
        });
        return out;
    }"""
    )
    cells = {c.h3: c for c in AccessCell.objects.filter(run=run)}
    assert set(drawn) == set(cells)
    # Each hexagon drawn in the browser is the cell's polygon stored by the run.
    for h3 in list(cells)[:: max(1, len(cells) // 50)]:
        stored = {(round(x, 6), round(y, 6)) for x, y in cells[h3].geom.exterior_ring.coords}
        shown = {(round(x, 6), round(y, 6)) for x, y in drawn[h3]}
        assert shown == stored, h3
    assert page.evaluate("typeof h3.cellToBoundary") == "function"
    assert page.js_errors == []


def test_the_gap_layer_joins_the_zone_values_to_the_zones_already_loaded(page, site_url):
    open_map(page, site_url)
    choose(page, "#profile", "slow")
    values = page.request.get(
        site_url + "/api/access/zones/values/?category=night_shelter&profile=slow"
    ).json()
    shown = page.evaluate(
        """() => {
        const out = {};
        window.geoplan.layers['zones-gap'].eachLayer((l) => {
            out[l.feature.properties.code] = l.feature.properties.gap;
        });
        return out;
    }"""
    )
    assert shown == {z["code"]: z["gap"] for z in values["zones"]}
    assert len(shown) == 94


def test_the_map_says_when_the_run_it_shows_was_computed(page, site_url):
    open_map(page, site_url)
    info = page.locator("#run-info")
    standard = AccessRun.objects.latest_completed("standard")
    assert info.get_attribute("data-run") == str(standard.pk)
    text = info.inner_text()
    assert text.startswith("Walking times computed")
    assert str(standard.finished_at.year) in text
    choose(page, "#profile", "slow")
    slow = AccessRun.objects.latest_completed("slow")
    assert info.get_attribute("data-run") == str(slow.pk)
