"""What the browser tests share: logging in as a planner, opening the map and clicking it where
a place is."""

from urllib.parse import urlencode, urlparse

READY = "body[data-map-ready=true]"

# A planner account committed for the browser's server (which reads committed data only); made
# once per session, it lives as long as the test database.
PLANNER_EMAIL = "browser.planner@comune.example.org"
PLANNER_PASSWORD = "Browser-planner-2026"


def planner_account():
    """The browser tests' planner, created (committed) the first time it is asked for."""
    from django.contrib.auth import get_user_model

    from geoplan.accounts.creation import create_account
    from tests.jobs.conftest import committed

    def ensure():
        if not get_user_model().objects.filter(username=PLANNER_EMAIL).exists():
            create_account(PLANNER_EMAIL, "planner", password=PLANNER_PASSWORD)

    committed(ensure)
    return PLANNER_EMAIL, PLANNER_PASSWORD


def login_as_planner(page, url, next_path="/methods/"):
    """Log this page's browser context in as the planner (English pages) and land on
    ``next_path``; a context already logged in goes there at once."""
    email, password = planner_account()
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": url}])
    page.goto(f"{url}/accounts/login/?{urlencode({'next': next_path})}")
    if urlparse(page.url).path == "/accounts/login/":
        page.fill("#id_username", email)
        page.fill("#id_password", password)
        with page.expect_navigation():
            page.click("main form button[type=submit]")


def open_map(page, url, query=""):
    """The planners' map, logged in as the planner; ``query`` such as "?category=..."."""
    login_as_planner(page, url, "/plan/" + query)
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
