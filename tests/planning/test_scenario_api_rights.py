"""Scenarios are for planners: anonymous requests get 401, partners, moderators and other
accounts 403 on every endpoint, and nothing changes; every planner reads every scenario, only
its owner (or an admin) changes or deletes it."""

import pytest

from geoplan.planning.edits import add_edits
from geoplan.planning.models import Scenario, ScenarioEdit

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import VIA_NIZZA, client_for

ADD = {"kind": "add", "category": "night_shelter", "lon": VIA_NIZZA[0], "lat": VIA_NIZZA[1]}


@pytest.fixture
def edited(scenario):
    (edit,) = add_edits(scenario, [ADD])
    return scenario, edit


def every_request(scenario, edit):
    pk = scenario.pk
    return [
        ("get", "/api/scenarios/", None),
        ("post", "/api/scenarios/", {"name": "Nuovo"}),
        ("get", f"/api/scenarios/{pk}/", None),
        ("patch", f"/api/scenarios/{pk}/", {"name": "Rinominato"}),
        ("delete", f"/api/scenarios/{pk}/", None),
        ("post", f"/api/scenarios/{pk}/edits/", ADD),
        ("delete", f"/api/scenarios/{pk}/edits/{edit.pk}/", None),
        ("get", f"/api/scenarios/{pk}/results/", None),
        ("get", f"/api/scenarios/compare/?a={pk}&b={pk}", None),
        ("post", "/api/scenarios/planned/", None),
    ]


def snapshot():
    return (
        list(Scenario.objects.order_by("pk").values_list("pk", "name", "updated_at")),
        list(ScenarioEdit.objects.order_by("pk").values_list("pk", "scenario_id")),
    )


def test_anonymous_requests_are_401_and_change_nothing(edited):
    before = snapshot()
    client = client_for(None)
    for method, url, body in every_request(*edited):
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 401, (method, url)
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["partner_a", "moderator", "outsider"])
def test_other_accounts_are_403_and_change_nothing(edited, persona, request):
    user = request.getfixturevalue(persona)
    before = snapshot()
    client = client_for(user)
    for method, url, body in every_request(*edited):
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 403, (persona, method, url)
        assert "planner" in response.json()["detail"]
    assert snapshot() == before


def test_another_planner_reads_but_does_not_change(edited, piero):
    scenario, edit = edited
    client = client_for(piero)
    listed = client.get("/api/scenarios/").json()
    assert [s["id"] for s in listed] == [scenario.pk]
    assert listed[0]["can_change"] is False
    assert listed[0]["owner"] == scenario.owner.get_username()
    assert client.get(f"/api/scenarios/{scenario.pk}/").status_code == 200
    assert client.get(f"/api/scenarios/{scenario.pk}/results/").status_code == 200
    compare = f"/api/scenarios/compare/?a={scenario.pk}&b={scenario.pk}"
    assert client.get(compare).status_code == 200

    before = snapshot()
    for method, url, body in [
        ("patch", f"/api/scenarios/{scenario.pk}/", {"name": "Mio"}),
        ("delete", f"/api/scenarios/{scenario.pk}/", None),
        ("post", f"/api/scenarios/{scenario.pk}/edits/", ADD),
        ("delete", f"/api/scenarios/{scenario.pk}/edits/{edit.pk}/", None),
    ]:
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code == 403, (method, url)
        assert "owner" in response.json()["detail"]
    assert snapshot() == before


def test_the_owner_and_an_admin_change_it(edited, pia, planner):
    scenario, edit = edited
    owner = client_for(pia)
    response = owner.patch(f"/api/scenarios/{scenario.pk}/", {"name": "Mio"}, format="json")
    assert response.status_code == 200 and response.json()["can_change"] is True
    admin = client_for(planner)
    response = admin.delete(f"/api/scenarios/{scenario.pk}/edits/{edit.pk}/")
    assert response.status_code == 204
    assert admin.delete(f"/api/scenarios/{scenario.pk}/").status_code == 204
    assert not Scenario.objects.filter(pk=scenario.pk).exists()
