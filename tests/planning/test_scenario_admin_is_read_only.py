"""In the admin, planners read scenarios and their edits; nobody adds or changes one there (the
workspace and the API check every edit); the owner may delete it."""

from geoplan.planning.edits import add_edits

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import VIA_NIZZA


def test_planners_read_scenarios_in_the_admin(client, scenario, piero):
    add_edits(
        scenario,
        [{"kind": "add", "category": "night_shelter", "lon": VIA_NIZZA[0], "lat": VIA_NIZZA[1]}],
    )
    client.force_login(piero)
    listed = client.get("/admin/planning/scenario/")
    assert listed.status_code == 200 and scenario.name in listed.content.decode()
    page = client.get(f"/admin/planning/scenario/{scenario.pk}/change/")
    assert page.status_code == 200
    assert "add a site" in page.content.decode()
    assert client.get("/admin/planning/scenario/add/").status_code == 403
    response = client.post(f"/admin/planning/scenario/{scenario.pk}/change/", {"name": "Mio"})
    assert response.status_code == 403
    assert client.get(f"/admin/planning/scenario/{scenario.pk}/delete/").status_code == 403
    scenario.refresh_from_db()
    assert scenario.name == "Prova"


def test_the_owner_may_delete_it_there(client, scenario, pia):
    client.force_login(pia)
    assert client.get(f"/admin/planning/scenario/{scenario.pk}/delete/").status_code == 200
    client.post(f"/admin/planning/scenario/{scenario.pk}/delete/", {"post": "yes"})
    assert not type(scenario).objects.filter(pk=scenario.pk).exists()


def test_other_accounts_do_not_see_them(client, scenario, moderator):
    client.force_login(moderator)
    assert client.get("/admin/planning/scenario/").status_code == 403
