"""What the browser tests share: opening the map and clicking it where a place is."""

READY = "body[data-map-ready=true]"


def open_map(page, url):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(url + "/plan/")
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


# A marker at least this far (in pixels) from any other, so that a click finds it alone.
ALONE_PX = 24

ISOLATED_MARKER = """(alone) => {
  const map = window.geoplan.map;
  const size = map.getSize();
  const markers = [];
  window.geoplan.layers.sites.eachLayer((m) => markers.push(m));
  const points = markers.map((m) => map.latLngToContainerPoint(m.getLatLng()));
  for (let i = 0; i < markers.length; i++) {
    const p = points[i];
    const inside = p.x > 40 && p.y > 40 && p.x < size.x - 40 && p.y < size.y - 40;
    const lonely = points.every((q, j) => j === i || p.distanceTo(q) > alone);
    if (inside && lonely) {
      return { x: p.x, y: p.y, name: markers[i].feature.properties.name,
               address: markers[i].feature.properties.address };
    }
  }
  return null;
}"""
