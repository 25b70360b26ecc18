"""A scenario's results are kept until it changes: asked again, the same computation is
served; a new or removed edit makes a new one at the next request."""

from geoplan.planning.edits import add_edits

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import NORTH, VIA_NIZZA, client_for, results_url


def test_a_new_or_removed_edit_invalidates_the_kept_results(scenario, pia):
    add_edits(
        scenario,
        [{"kind": "add", "category": "night_shelter", "lon": VIA_NIZZA[0], "lat": VIA_NIZZA[1]}],
    )
    client = client_for(pia)
    first = client.get(results_url(scenario)).json()
    again = client.get(results_url(scenario)).json()
    assert again["computed_at"] == first["computed_at"]
    assert again["seconds"] == first["seconds"]

    response = client.post(
        f"/api/scenarios/{scenario.pk}/edits/",
        {"kind": "add", "category": "work_training", "lon": NORTH[0], "lat": NORTH[1]},
        format="json",
    )
    assert response.status_code == 201
    added = response.json()
    changed = client.get(results_url(scenario)).json()
    assert changed["computed_at"] != first["computed_at"]
    assert changed["categories"] == ["night_shelter", "work_training"]

    response = client.delete(f"/api/scenarios/{scenario.pk}/edits/{added['id']}/")
    assert response.status_code == 204
    back = client.get(results_url(scenario)).json()
    assert back["computed_at"] not in (first["computed_at"], changed["computed_at"])
    assert back["categories"] == ["night_shelter"]
    assert back["city"] == first["city"]
