import pytest


@pytest.fixture
def client(client, planner):
    """The planners' map is for planners: these visits are a planner's."""
    client.force_login(planner)
    return client


def test_the_map_page_speaks_italian_by_default(client, settings):
    settings.LANGUAGE_CODE = "it"
    page = client.get("/plan/").content.decode()
    assert "Bisogni e servizi" in page
    assert "approssimativa: livello di via" in page


def test_the_map_page_speaks_english_when_asked(client, settings):
    settings.LANGUAGE_CODE = "it"
    page = client.get("/plan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Need and services" in page


def test_the_language_chosen_with_the_switch_is_kept(client, settings):
    settings.LANGUAGE_CODE = "it"
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/plan/"})
    assert response.status_code == 302
    assert "Need and services" in client.get("/plan/").content.decode()
    client.post("/i18n/setlang/", {"language": "it", "next": "/plan/"})
    assert "Bisogni e servizi" in client.get("/plan/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_an_api_error_is_translated(client, db, settings):
    settings.LANGUAGE_CODE = "it"
    response = client.get("/api/sites/?category=mensa")
    assert "Categoria sconosciuta 'mensa'" in response.json()["category"]


def test_layer_titles_follow_the_language(client, db):
    layers = client.get("/api/layers/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert layers[0]["title"] == "Population density (residents/km², 2023)"
    layers = client.get("/api/layers/", HTTP_ACCEPT_LANGUAGE="it").json()
    assert layers[0]["title"] == "Densità di popolazione (abitanti/km², 2023)"
