"""An edit whose site has no published service any more (archived since it was made, or closed
by an earlier edit) is skipped and the answer says so in a sentence; never a server error."""

from geoplan.access.inputs import sites_frame
from geoplan.planning.edits import add_edits
from geoplan.registry.models import Service, Status

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import CENTRE, client_for, results_url


def test_edits_of_a_site_archived_since_are_skipped_with_a_warning(scenario, pia):
    frame = sites_frame()
    site_id = int(frame[frame["category"] == "food_distribution"]["site_id"].iloc[0])
    add_edits(
        scenario,
        [
            {"kind": "close", "site": site_id},
            {"kind": "move", "site": site_id, "lon": CENTRE[0], "lat": CENTRE[1]},
        ],
    )
    answer = client_for(pia).get(results_url(scenario)).json()
    # The move comes after the closure: nothing left to move.
    assert len(answer["warnings"]) == 1 and "Edit 2 (move)" in answer["warnings"][0]
    assert answer["categories"]

    Service.objects.filter(site_id=site_id, status=Status.PUBLISHED).update(status=Status.ARCHIVED)
    scenario.save()  # the registry's change reaches a scenario with the next run; here at once
    response = client_for(pia).get(results_url(scenario))
    assert response.status_code == 200
    answer = response.json()
    assert answer["categories"] == [] and answer["zones"] == []
    assert len(answer["warnings"]) == 2
    assert all("no published service" in w for w in answer["warnings"])
    assert str(site_id) in answer["warnings"][0]
