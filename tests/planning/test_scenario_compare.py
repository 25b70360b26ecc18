"""Comparing two scenarios: each one's changes side by side and b's minus a's, for the union of
the categories they change (a category only one changes has zero changes in the other); a
scenario compared with itself differs by nothing; a and b are required ids of scenarios."""

import pytest

from geoplan.planning.edits import add_edits
from geoplan.planning.models import Scenario
from geoplan.planning.scenarios import compare_results, scenario_results

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import CENTRE, NORTH, client_for


@pytest.fixture
def two(pia, piero):
    a = Scenario.objects.create(name="A", owner=pia)
    b = Scenario.objects.create(name="B", owner=piero)
    add_edits(a, [{"kind": "add", "category": "night_shelter", "lon": CENTRE[0], "lat": CENTRE[1]}])
    add_edits(
        b,
        [
            {"kind": "add", "category": "night_shelter", "lon": NORTH[0], "lat": NORTH[1]},
            {"kind": "add", "category": "social_desk", "lon": NORTH[0], "lat": NORTH[1]},
        ],
    )
    return a, b


def test_b_minus_a_and_a_category_only_b_changes(two):
    a, b = two
    answer = compare_results(a, b, "standard")
    ra, rb = scenario_results(a), scenario_results(b)
    assert answer["a"]["scenario"] == a.pk and answer["b"]["name"] == "B"
    assert answer["categories"] == ["night_shelter", "social_desk"]
    city = {row["category"]: row for row in answer["city"]}
    shelter = city["night_shelter"]
    assert shelter["a"] == ra["city"][0]["delta"]
    assert shelter["b"] == rb["city"][0]["delta"]
    for key, value in shelter["b_minus_a"].items():
        if value is not None:
            assert value == shelter["b"][key] - shelter["a"][key]
    desk = city["social_desk"]
    assert set(desk["a"].values()) <= {0, None}
    assert desk["a"]["n_sites"] == 0 and desk["b"]["n_sites"] == 1
    assert desk["b_minus_a"] == {
        k: None if v is None or desk["a"][k] is None else v for k, v in desk["b"].items()
    }
    zones = [z for z in answer["zones"] if z["category"] == "social_desk"]
    assert len(zones) == 94
    assert all(set(z["a"].values()) <= {0, None} for z in zones)
    assert any(z["b"]["residents_within_15"] > 0 for z in zones)


def test_a_scenario_compared_with_itself_differs_by_nothing(two, piero):
    a, _b = two
    answer = client_for(piero).get(f"/api/scenarios/compare/?a={a.pk}&b={a.pk}&profile=slow")
    assert answer.status_code == 200
    body = answer.json()
    assert body["profile"] == "slow"
    for row in body["city"] + body["zones"]:
        assert row["a"] == row["b"]
        assert set(row["b_minus_a"].values()) <= {0, None}


@pytest.mark.parametrize(
    ("query", "status", "field", "words"),
    [
        ("?b={b}", 400, "a", "Give a"),
        ("?a={a}", 400, "b", "Give b"),
        ("?a=one&b={b}", 400, "a", "whole number"),
        ("?a={a}&b=-3", 400, "b", "whole number"),
        # "²" and "٣" are digits to str.isdigit, not to int: a sentence, never a 500.
        ("?a=%C2%B2&b={b}", 400, "a", "whole number"),
        ("?a={a}&b=%D9%A3", 400, "b", "whole number"),
        ("?a={a}&b=" + "9" * 5000, 400, "b", "whole number"),
        ("?a={a}&b=1234567890", 400, "b", "whole number"),
        ("?a={a}&b={b}&profile=fast", 400, "profile", "fast"),
        ("?a={a}&b=987654", 404, "detail", "987654"),
    ],
)
def test_refused_comparisons(two, pia, query, status, field, words):
    a, b = two
    response = client_for(pia).get("/api/scenarios/compare/" + query.format(a=a.pk, b=b.pk))
    assert response.status_code == status
    assert words in response.json()[field]
