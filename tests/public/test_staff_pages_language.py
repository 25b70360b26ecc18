"""The public pages speak seven languages; the staff pages only Italian and English, so a
visitor who chose Arabic reads the planners' map in English, not half in Italian."""

import pytest


@pytest.fixture
def arabic(client):
    client.cookies["django_language"] = "ar"
    return client


def test_the_finder_is_in_arabic_right_to_left(arabic, db):
    page = arabic.get("/").content.decode()
    assert 'lang="ar"' in page and 'dir="rtl"' in page


def test_the_planners_map_falls_back_to_english(arabic, planner):
    arabic.force_login(planner)
    response = arabic.get("/plan/")
    page = response.content.decode()
    assert 'lang="en"' in page
    assert response["Content-Language"] == "en"


def test_italian_and_english_are_kept_on_staff_pages(client, planner):
    client.force_login(planner)
    client.cookies["django_language"] = "it"
    assert 'lang="it"' in client.get("/plan/").content.decode()
