import pytest

from .helpers import open_map

pytestmark = pytest.mark.browser


def test_the_map_draws_the_94_zones_and_the_site_markers(page, site_url):
    open_map(page, site_url)
    zones = page.locator("path.layer-zones-density")
    markers = page.locator("path.site-marker")
    # Every located, published site the API serves has its marker.
    located = len(page.request.get(site_url + "/api/sites/").json()["features"])
    assert zones.count() == 94
    assert markers.count() == located > 0
    assert page.js_errors == []
    # Each zone is filled with a colour of the legend, not the "no data" grey.
    fills = set(zones.evaluate_all("els => els.map(e => e.getAttribute('fill'))"))
    legend_colours = {"#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"}
    assert fills <= legend_colours and len(fills) == 5


def test_a_marker_popup_names_the_site_and_says_when_it_is_approximate(page, site_url):
    open_map(page, site_url)
    page.evaluate(
        """() => {
        const layer = window.geoplan.layers["sites"];
        layer.eachLayer(m => {
            if (m.feature.properties.address === "Via Carrera 181, Torino") m.openPopup();
        });
    }"""
    )
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "Casa di prima accoglienza notturna via Carrera" in text
    assert "Via Carrera 181, Torino" in text
    assert "approximate: street level" in text


def test_the_legend_lists_the_categories_and_density_classes(page, site_url):
    open_map(page, site_url)
    legend = page.locator("#layers").inner_text()
    assert "Accoglienza notturna" in legend or "Night shelter" in legend
    assert page.locator("fieldset[data-layer=zones-density] li").count() == 5


def test_the_map_works_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    open_map(page, site_url)
    map_box = page.locator("#map").bounding_box()
    panel_box = page.locator("#panel").bounding_box()
    assert map_box["width"] <= 390 and map_box["height"] > 300
    assert panel_box["y"] >= map_box["y"] + map_box["height"] - 1  # the panel sits below the map
    context.close()


def test_the_gap_table_and_the_access_layers_follow_the_chosen_category(page, site_url):
    open_map(page, site_url)
    # Every zone of the category has its row.
    assert page.locator("#gap-table tbody tr").count() == 94
    assert page.evaluate("window.geoplan.counts['zones-gap']") == 94
    cells = page.evaluate("window.geoplan.counts['access-nearest']")
    assert cells > 1000
    before = page.locator("#gap-table tbody").inner_text()
    page.select_option("#category", "neighbourhood_house")
    page.wait_for_selector("body[data-map-ready=true]", timeout=30_000)
    assert page.locator("#gap-table tbody tr").count() == 94
    assert page.locator("#gap-table tbody").inner_text() != before
    # Turning the minutes layer on draws the cells.
    page.check("#toggle-access-nearest")
    assert page.evaluate("window.geoplan.map.hasLayer(window.geoplan.layers['access-nearest'])")
    assert page.js_errors == []


def test_the_slow_profile_shows_longer_walks(page, site_url):
    open_map(page, site_url)

    def mean_minutes():
        return page.evaluate(
            """() => {
            const vals = [];
            window.geoplan.layers['access-nearest'].eachLayer(
                l => vals.push(l.feature.properties.nearest_min));
            return vals.reduce((a, b) => a + b, 0) / vals.length;
        }"""
        )

    standard = mean_minutes()
    page.select_option("#profile", "slow")
    page.wait_for_selector("body[data-map-ready=true]", timeout=30_000)
    assert mean_minutes() == pytest.approx(standard * 1.5, rel=0.01)


def test_the_methods_page_defines_the_measures_and_states_the_limits(page, site_url):
    page.goto(site_url + "/methods/")
    text = page.locator("article").inner_text()
    assert "E2SFCA" in text
    assert ("footpaths" in text) or ("marciapiedi" in text)


def test_a_planner_tries_a_new_site_and_sees_who_gains_access(page, site_url):
    open_map(page, site_url)
    page.click("#whatif-start")
    # Mirafiori Sud: no night shelter within 15 minutes today.
    point = page.evaluate(
        "(() => { const p = window.geoplan.map.latLngToContainerPoint([45.03, 7.63]);"
        " return [p.x, p.y]; })()"
    )
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + point[0], box["y"] + point[1])
    page.wait_for_selector("#whatif-list li")
    first = page.locator("#whatif-list li").first.inner_text()
    assert "+" in first and ("15 min" in first)
    assert page.locator("path.proposed-marker").count() == 1
    assert page.js_errors == []
