"""What the browser tests share: opening the map and clicking it where a place is."""

READY = "body[data-map-ready=true]"


def open_map(page, url):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(url + "/")
    page.wait_for_selector(READY, timeout=30_000)


def choose(page, select, value):
    """Pick a value of a select that reloads the map, and wait for the reload to finish."""
    page.select_option(select, value)
    page.wait_for_selector(READY, timeout=30_000)


def click_at(page, lat, lon):
    """A real mouse click on the map where (lat, lon) is drawn."""
    x, y = page.evaluate(
        "([lat, lon]) => { const p = window.geoplan.map.latLngToContainerPoint([lat, lon]);"
        " return [p.x, p.y]; }",
        [lat, lon],
    )
    box = page.locator("#map").bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
