"""A planner creates a scenario with edits, lists it, renames it, adds and removes an edit and
deletes it; each answer gives the scenario's addresses (API, results, report, print)."""

from django.urls import reverse

from geoplan.planning.models import Scenario

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import CENTRE, VIA_NIZZA, client_for


def test_a_scenario_from_creation_to_deletion(pia):
    client = client_for(pia)
    response = client.post(
        "/api/scenarios/",
        {
            "name": "Due nuovi dormitori",
            "description": "Prova",
            "edits": [
                {
                    "kind": "add",
                    "category": "night_shelter",
                    "lon": VIA_NIZZA[0],
                    "lat": VIA_NIZZA[1],
                    "capacity": 30,
                    "hours": "Mo-Su 20:00-08:00",
                    "name": "Dormitorio Nizza",
                }
            ],
        },
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    pk = body["id"]
    assert body["owner"] == pia.get_username() and body["origin"] == "manual"
    assert body["can_change"] is True and body["is_illustrative"] is False
    assert body["url"] == reverse("api:scenario", args=[pk])
    assert body["results_url"] == reverse("api:scenario-results", args=[pk])
    assert body["report_url"] == reverse("planning:scenario-report", args=[pk])
    assert body["print_url"] == reverse("planning:scenario-print", args=[pk])
    (edit,) = body["edits"]
    assert edit["capacity"] == 30 and edit["hours"] == "Mo-Su 20:00-08:00"
    assert (edit["lon"], edit["lat"]) == VIA_NIZZA and edit["name"] == "Dormitorio Nizza"

    assert [s["id"] for s in client.get("/api/scenarios/").json()] == [pk]
    renamed = client.patch(f"/api/scenarios/{pk}/", {"name": "Tre dormitori"}, format="json")
    assert renamed.status_code == 200 and renamed.json()["name"] == "Tre dormitori"
    assert renamed.json()["description"] == "Prova"

    response = client.post(
        f"/api/scenarios/{pk}/edits/",
        {"kind": "add", "category": "night_shelter", "lon": CENTRE[0], "lat": CENTRE[1]},
        format="json",
    )
    assert response.status_code == 201
    second = response.json()
    assert second["position"] > edit["position"] and second["site"] is None
    site_edit = client.post(
        f"/api/scenarios/{pk}/edits/",
        {"kind": "close", "site": _a_shelter_site()},
        format="json",
    ).json()
    assert site_edit["site_name"]
    assert [e["id"] for e in client.get(f"/api/scenarios/{pk}/").json()["edits"]] == [
        edit["id"],
        second["id"],
        site_edit["id"],
    ]
    assert client.delete(f"/api/scenarios/{pk}/edits/{second['id']}/").status_code == 204
    assert client.delete(f"/api/scenarios/{pk}/edits/{second['id']}/").status_code == 404
    assert len(client.get(f"/api/scenarios/{pk}/").json()["edits"]) == 2

    assert client.delete(f"/api/scenarios/{pk}/").status_code == 204
    assert client.get(f"/api/scenarios/{pk}/").status_code == 404
    assert not Scenario.objects.exists()


def test_a_patch_with_a_bad_name_changes_nothing(scenario, pia):
    response = client_for(pia).patch(
        f"/api/scenarios/{scenario.pk}/", {"name": "x" * 121}, format="json"
    )
    assert response.status_code == 400 and "name" in response.json()
    scenario.refresh_from_db()
    assert scenario.name == "Prova"


def _a_shelter_site() -> int:
    from geoplan.registry.models import Service

    return (
        Service.objects.published(include_illustrative=False)
        .filter(category__code="night_shelter")
        .order_by("pk")
        .first()
        .site_id
    )
