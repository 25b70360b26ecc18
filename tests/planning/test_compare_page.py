"""The comparison page (/plan/compare/): planners only; two maps, the table's places and the
comparison's exports for a valid choice; a sentence naming the field for a wrong one (400)."""

import html

import pytest
from django.urls import reverse

from geoplan.planning.models import Scenario

URL = reverse("planning:compare")


@pytest.fixture
def two(planner):
    a = Scenario.objects.create(name="Due dormitori a nord", owner=planner)
    b = Scenario.objects.create(name="Chiusura in centro", owner=planner)
    return a, b


def test_a_planner_sees_both_maps_the_tables_and_the_exports(client, planner, two):
    a, b = two
    client.force_login(planner)
    response = client.get(
        URL, {"a": a.pk, "b": b.pk, "profile": "slow", "category": "night_shelter"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="map-a"' in page and 'id="map-b"' in page
    assert a.name in page and b.name in page
    assert 'id="compare-city"' in page and 'id="compare-zones"' in page
    config = response.context["config"]
    assert config["a"] == {"id": a.pk, "name": a.name}
    assert config["b"] == {"id": b.pk, "name": b.name}
    assert config["profile"] == "slow" and config["category"] == "night_shelter"
    assert config["compareUrl"] == reverse("api:scenario-compare")
    csv = reverse("planning:export-zones", args=["csv"])
    assert f'href="{csv}?a={a.pk}&amp;b={b.pk}&amp;profile=slow&amp;category=night_shelter"' in page
    # The script and its labels come from the page's own JSON, not inline code.
    assert 'id="compare-config"' in page and "js/plan/compare.js" in page


def test_a_planner_by_role_is_let_in(client, two):
    from geoplan.accounts.creation import create_account

    a, b = two
    pia = create_account("pia.compare@comune.example.org", "planner", password="Pia-pass-2026")
    client.force_login(pia)
    assert client.get(URL, {"a": a.pk, "b": b.pk}).status_code == 200


def test_without_a_choice_it_is_the_form_to_make_one(client, planner, two):
    client.force_login(planner)
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'name="a"' in page and 'name="b"' in page
    assert 'id="map-a"' not in page
    assert two[0].name in page


@pytest.mark.parametrize(
    "params, field, words",
    [
        ({"a": "x1", "b": "1"}, "a", "a must be the id of a scenario (a whole number)"),
        # Digits int() cannot read, and far too many of them: a sentence, never a 500.
        ({"a": "²", "b": "1"}, "a", "a must be the id of a scenario (a whole number)"),
        ({"b": "٣"}, "b", "b must be the id of a scenario (a whole number)"),
        ({"b": "9" * 5000}, "b", "b must be the id of a scenario (a whole number)"),
        ({"a": "999999", "b": None}, "a", "There is no scenario 999999"),
        ({"a": None, "b": None}, "b", "b must be another scenario than a"),
        ({"profile": "fast"}, "profile", "Unknown profile 'fast': use standard or slow."),
        ({"category": "spa"}, "category", "Unknown category 'spa'"),
    ],
)
def test_a_wrong_choice_is_refused_with_a_sentence_naming_the_field(
    client, planner, two, params, field, words
):
    a, b = two
    client.force_login(planner)
    query = {"a": a.pk, "b": b.pk}
    for key, value in params.items():
        query[key] = value if value is not None else a.pk
    response = client.get(URL, query)
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert f'id="error-{field}"' in page
    assert words in page
    assert 'id="map-a"' not in page


def test_anyone_logged_out_is_sent_to_the_login_page(client, two):
    a, b = two
    response = client.get(URL, {"a": a.pk, "b": b.pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_a_partner_or_another_account_is_refused(client, two, partner_a, outsider):
    a, b = two
    for user in (partner_a, outsider):
        client.force_login(user)
        assert client.get(URL, {"a": a.pk, "b": b.pk}).status_code == 403
