"""The public finder on a phone (390 x 844), in Italian and in Arabic: search a street, choose
food, read the nearest places in walking order with their open state in words, open one and
show the walking route to another.

The fixtures and helpers here serve the other test_finder_* files too."""

import re

import pytest

PHONE = {"width": 390, "height": 844}
READY = "body[data-finder-ready=true]"
STREET = "Via Nizza 230"
FOOD = "food_distribution"
STATES = {"open", "closed", "unknown"}


@pytest.fixture
def finder(browser, site_url):
    """Opens the finder on a phone in a language; the JS errors of each page are asserted
    absent at the end of the test. Context options (geolocation, service_workers...) pass on."""
    contexts, pages = [], []

    def open_finder(language="it", path="/", wait=True, **options):
        context = browser.new_context(viewport=PHONE, **options)
        contexts.append(context)
        # No tile server here: refuse tile requests at once instead of waiting for them.
        context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        context.add_cookies([{"name": "django_language", "value": language, "url": site_url}])
        page = context.new_page()
        page.js_errors = []
        page.on("pageerror", lambda exc: page.js_errors.append(str(exc)))
        pages.append(page)
        page.goto(site_url + path)
        if wait:
            page.wait_for_selector(READY, timeout=30_000)
        return page

    yield open_finder
    for page in pages:
        assert page.js_errors == [], page.js_errors
    for context in contexts:
        context.close()


def wait_for_answer(page, state="shown"):
    page.wait_for_selector(f"#results[data-state={state}]", state="attached", timeout=30_000)


def choose_street(page, text=STREET):
    page.fill("#q", text)
    option = page.locator("#suggestions [role=option][data-kind=street]").first
    option.wait_for(timeout=30_000)
    assert text in option.inner_text()
    option.click()
    wait_for_answer(page)


def choose_category(page, code=FOOD):
    chip = page.locator(f".chip[data-category={code}]")
    chip.click()
    assert chip.get_attribute("aria-pressed") == "true"
    wait_for_answer(page)
    page.wait_for_function(
        """(code) => {
            const answer = window.geoplanFinder.answer;
            return answer && answer.features.every(
                (f) => f.properties.services.every((s) => s.category === code));
        }""",
        arg=code,
    )


def listed(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#results > li.result",
        """(items) => items.map((li) => ({
            id: Number(li.dataset.id),
            minutes: Number(li.dataset.minutes),
            walk: li.querySelector(".walk").innerText,
            href: li.querySelector(".result-name a").getAttribute("href"),
            nameLang: li.querySelector(".result-name a").getAttribute("lang"),
            states: [...li.querySelectorAll(".state")].map((p) => [p.dataset.state, p.innerText]),
        }))""",
    )


def label(page, key, **values) -> str:
    """A label of the page's configuration, in the page's language, its {placeholders}
    replaced by ``values``; cut before the first one left unfilled (to match a beginning)."""
    text = page.evaluate(
        "(key) => JSON.parse(document.getElementById('finder-config').textContent).labels[key]",
        key,
    )
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text.split("{")[0].strip()


def api_nearest(client, lon, lat, **params):
    answer = client.get("/api/nearest/", {"lon": lon, "lat": lat, "limit": 5, **params})
    assert answer.status_code == 200
    return answer.json()


@pytest.mark.parametrize("language", ["it", "ar"])
def test_street_then_food_lists_the_nearest_in_walking_order(finder, client, language):
    page = finder(language)
    assert page.get_attribute("html", "lang") == language
    assert page.get_attribute("html", "dir") == ("rtl" if language == "ar" else "ltr")
    choose_street(page)
    # The street was chosen: the screen says that the position is only street-level.
    assert page.locator("#place").is_visible()
    assert "230" in page.inner_text("#place .place-note")
    choose_category(page)
    assert "category=food_distribution" in page.url

    items = listed(page)
    query = re.search(r"lon=([\d.]+)&lat=([\d.]+)", page.url)
    expected = api_nearest(client, query[1], query[2], category=FOOD)["features"]
    assert [i["id"] for i in items] == [f["id"] for f in expected]
    assert len(items) == 5
    minutes = [i["minutes"] for i in items]
    assert minutes == sorted(minutes)
    same_street = {f["id"] for f in expected if f["properties"]["same_street_point"]}
    for item in items:
        if item["id"] in same_street:
            # Known only as "Via Nizza": the walk depends on the numbers, and it says so.
            assert not re.search(r"\d", item["walk"]), item
        else:
            assert re.search(r"\d", item["walk"]), item
        assert item["nameLang"] == "it"
        assert item["states"], item
        for state, words in item["states"]:
            assert state in STATES
            # Words, not a colour: more than the state's mark.
            assert len(words.strip()) > 3, words
    # The list says how many and from where, in the live region.
    assert STREET in page.inner_text("#status")


@pytest.mark.parametrize("language", ["it", "ar"])
def test_a_result_shows_its_walking_route_and_opens_its_page(finder, language):
    page = finder(language)
    choose_street(page)
    choose_category(page)
    second = page.locator("#results > li.result").nth(1)
    site_id = second.get_attribute("data-id")
    button = second.locator(".route-button")
    button.click()
    route = page.locator("#map path.finder-route")
    route.wait_for(timeout=30_000)
    assert button.get_attribute("aria-pressed") == "true"
    assert f"site={site_id}" in page.url and "map=1" in page.url
    # A line of several points, drawn in the map's own left-to-right frame.
    assert len(re.findall(r"[LM]", route.get_attribute("d"))) >= 2
    assert page.get_attribute("#map", "dir") == "ltr"
    assert page.locator(".leaflet-marker-icon.pin-selected").count() == 1
    # The first result's name links to the site's page.
    first = page.locator("#results > li.result").first
    href = first.locator(".result-name a").get_attribute("href")
    assert re.fullmatch(r"/sites/\d+/", href)
    first.locator(".result-name a").click()
    page.wait_for_url(f"**{href}")
    assert page.url.endswith(href)


def test_arabic_mirrors_the_layout(finder):
    page = finder("ar")
    choose_street(page)
    box = page.locator("#q").bounding_box()
    button = page.locator(".search-row button[type=submit]").bounding_box()
    # Right to left: the search button sits to the left of the box.
    assert button["x"] < box["x"]
    assert page.eval_on_selector(".chips", "(e) => getComputedStyle(e).direction") == "rtl"
    # Record texts keep their language and read left to right inside the Arabic page.
    link = page.locator("#results .result-name a").first
    assert link.get_attribute("lang") == "it" and link.get_attribute("dir") == "auto"
