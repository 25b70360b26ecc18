"""?lang=it|en in the workspace's address chooses the page's language and sets the language
cookie, so that the API calls the page makes speak it too; any other value is ignored."""

import pytest
from django.conf import settings as django_settings


@pytest.fixture
def planner_client(client, planner, settings):
    settings.LANGUAGE_CODE = "it"
    client.force_login(planner)
    return client


@pytest.mark.parametrize(
    ("lang", "heading"), [("en", "Need and services"), ("it", "Bisogni e servizi")]
)
def test_the_address_chooses_the_language_and_the_cookie_follows(planner_client, lang, heading):
    other = "it" if lang == "en" else "en"
    planner_client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = other
    response = planner_client.get(f"/plan/?category=night_shelter&lang={lang}")
    page = response.content.decode()
    assert f'lang="{lang}"' in page and heading in page
    assert response["Content-Language"] == lang
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == lang
    # The API then answers in the same language.
    categories = planner_client.get("/api/categories/").json()
    night = next(c for c in categories if c["code"] == "night_shelter")
    assert night["name"] == ("Night shelter" if lang == "en" else "Accoglienza notturna")


@pytest.mark.parametrize("lang", ["ar", "xx", "", "EN", "en-gb"])
def test_any_other_value_is_ignored(planner_client, lang):
    response = planner_client.get(f"/plan/?lang={lang}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert django_settings.LANGUAGE_COOKIE_NAME not in response.cookies
    assert 'lang="en"' in response.content.decode()
