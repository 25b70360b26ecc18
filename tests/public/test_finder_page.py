"""The finder's page at "/": what the server sends before any script runs."""

import json
import re

import pytest
from django.conf import settings

from geoplan.registry.models import Service, ServiceCategory

pytestmark = pytest.mark.django_db


def config_of(response) -> dict:
    match = re.search(
        r'<script id="finder-config" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    assert match, "the page carries its configuration as JSON"
    return json.loads(match[1])


def test_the_finder_answers_at_the_root(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "public/finder.html" in [t.name for t in response.templates]


def test_the_config_gives_the_api_urls_the_map_files_and_the_words(client):
    config = config_of(client.get("/"))
    assert config["geocodeUrl"] == "/api/geocode/"
    assert config["nearestUrl"] == "/api/nearest/"
    assert config["serviceWorkerUrl"] == "/sw.js"
    assert config["leaflet"]["js"].endswith("leaflet.js")
    assert config["tiles"]["url"].startswith("https://tile.openstreetmap.org/")
    assert config["labels"]["offlineSaved"].startswith("Offline")
    assert "{n}" in config["labels"]["unknownHours"]
    assert config["languageNames"]["ar"] == "Arabic"


def test_the_words_follow_the_language(client):
    english = config_of(client.get("/", HTTP_ACCEPT_LANGUAGE="en"))
    italian = config_of(client.get("/", HTTP_ACCEPT_LANGUAGE="it"))
    food = ServiceCategory.objects.get(code="food_distribution")
    assert english["categories"]["food_distribution"] == food.name_en
    assert italian["categories"]["food_distribution"] == food.name_it
    # Labels the catalogue already translates (the vocabulary's language names).
    assert italian["languageNames"]["ar"] == "Arabo"


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_each_language_sets_lang_and_direction(client, code):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    page = client.get("/").content.decode()
    direction = "rtl" if code == "ar" else "ltr"
    assert f'<html lang="{code}" dir="{direction}">' in page
    # The switcher offers every language, the current one chosen.
    assert re.search(rf'<option value="{code}" lang="{code}" selected>', page)


def test_arabic_comes_from_the_browser_at_first(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="ar,fr;q=0.5").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_the_chips_are_toggle_buttons_for_categories_with_published_sites(client):
    page = client.get("/").content.decode()
    chips = re.findall(
        r'<button type="button" class="chip" aria-pressed="false" data-category="(\w+)"', page
    )
    offered = set(Service.objects.published().values_list("category__code", flat=True).distinct())
    assert set(chips) == offered
    # Housing First has no site yet: no chip that could only find nothing.
    assert "housing_first" not in chips


def test_every_control_has_a_label_and_the_page_has_landmarks(client):
    page = client.get("/").content.decode()
    for control in ("q", "when", "when-at", "group", "speaks", "language-choice"):
        assert f'<label for="{control}">' in page, control
    assert 'role="search"' in page
    assert 'role="combobox"' in page and 'role="listbox"' in page
    assert 'id="status" class="status" role="status" aria-live="polite"' in page
    assert "<main" in page and "<header" in page and "<footer" in page
    assert "<h1>" in page


def test_the_finder_has_none_of_the_planners_controls(client):
    page = client.get("/").content.decode()
    for planner_only in (
        "whatif",
        "worst-list",
        "need-layer",
        "h3-js",
        "js/map.js",
        'id="profile"',
    ):
        assert planner_only not in page, planner_only
    # Leaflet is fetched by the script when the map is opened, not with the first screen.
    assert "leaflet.js" not in page.replace('"leaflet.js', "").split("finder-config")[0]
    assert '<script type="module" src="/static/js/public/finder.js">' in page


def test_scripts_are_same_origin_files_and_the_config_is_json(client):
    page = client.get("/").content.decode()
    scripts = re.findall(r"<script([^>]*)>", page)
    for attributes in scripts:
        assert "src=" in attributes or 'type="application/json"' in attributes, attributes


def test_the_language_switch_keeps_the_state_given_in_next(client):
    state = "/?lon=7.66631&lat=45.02984&category=food_distribution&site=9"
    response = client.post("/i18n/setlang/", {"language": "ar", "next": state})
    assert response.status_code == 302
    assert response["Location"] == state
    assert '<html lang="ar" dir="rtl">' in client.get(response["Location"]).content.decode()
