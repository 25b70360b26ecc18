"""GET /api/scenarios/<id>/results/: the engine's answer for ?profile= (standard by default), a
bad profile refused naming it, an unknown scenario a 404, and a demo scenario labelled."""

from geoplan.planning.edits import add_edits
from geoplan.planning.models import Scenario

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import VIA_NIZZA, client_for, results_url


def test_results_for_each_profile(scenario, piero):
    add_edits(
        scenario,
        [
            {
                "kind": "add",
                "category": "food_distribution",
                "lon": VIA_NIZZA[0],
                "lat": VIA_NIZZA[1],
            }
        ],
    )
    client = client_for(piero)
    standard = client.get(f"/api/scenarios/{scenario.pk}/results/").json()
    slow = client.get(results_url(scenario, "slow")).json()
    assert standard["profile"] == "standard" and slow["profile"] == "slow"
    assert standard["scenario"] == scenario.pk and standard["is_illustrative"] is False
    assert standard["threshold_min"] == 15
    assert standard["categories"] == slow["categories"] == ["food_distribution"]
    assert [e["kind"] for e in standard["edits"]] == ["add"]
    assert standard["city"][0]["category_name"]
    assert standard["zones"][0]["zone_name"] and standard["zones"][0]["circoscrizione"]
    # Slower walkers reach fewer residents within 15 minutes, before and after.
    assert (
        slow["city"][0]["after"]["residents_within_15"]
        < standard["city"][0]["after"]["residents_within_15"]
    )


def test_a_bad_profile_is_refused_naming_it(scenario, pia):
    response = client_for(pia).get(results_url(scenario, "jogging"))
    assert response.status_code == 400
    assert "jogging" in response.json()["profile"]


def test_an_unknown_scenario_is_a_404(pia):
    response = client_for(pia).get("/api/scenarios/987654/results/")
    assert response.status_code == 404
    assert "987654" in response.json()["detail"]


def test_an_empty_scenario_changes_nothing(scenario, pia):
    answer = client_for(pia).get(results_url(scenario)).json()
    assert answer["categories"] == [] and answer["city"] == [] and answer["zones"] == []


def test_a_demo_scenario_is_labelled_everywhere(pia):
    demo = Scenario.objects.create(name="Demo", owner=pia, is_illustrative=True)
    client = client_for(pia)
    assert client.get("/api/scenarios/").json()[0]["is_illustrative"] is True
    assert client.get(f"/api/scenarios/{demo.pk}/").json()["is_illustrative"] is True
    assert client.get(results_url(demo)).json()["is_illustrative"] is True
    compared = client.get(f"/api/scenarios/compare/?a={demo.pk}&b={demo.pk}").json()
    assert compared["a"]["is_illustrative"] is True and compared["b"]["is_illustrative"] is True
