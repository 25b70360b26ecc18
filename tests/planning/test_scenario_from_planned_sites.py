"""POST /api/scenarios/planned/ makes "Planned sites": one add edit per planned service of the
registry at a located site (its category, point and name, a note naming the source); those not
located are named in the description; with none located, a 400 that says so."""

from geoplan.planning.models import Scenario
from geoplan.registry.models import Service, Site, Status

from .test_scenario_personas import *  # noqa: F403
from .test_scenario_personas import client_for


def planned():
    return Service.objects.filter(status=Status.PLANNED, is_illustrative=False).select_related(
        "site", "category"
    )


def test_the_located_planned_services_become_additions(pia):
    services = list(planned().order_by("pk"))
    assert len(services) == 3 and {s.category.code for s in services} == {"work_training"}
    located = [s for s in services if s.site.geom is not None]
    unlocated = [s for s in services if s.site.geom is None]
    assert located, "the test data has a located planned service"

    response = client_for(pia).post("/api/scenarios/planned/")
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Planned sites" and body["origin"] == "planned"
    assert body["owner"] == pia.get_username()
    assert len(body["edits"]) == len(located)
    for edit, service in zip(body["edits"], located, strict=True):
        assert edit["kind"] == "add" and edit["category"] == "work_training"
        assert (edit["lon"], edit["lat"]) == (service.site.geom.x, service.site.geom.y)
        assert edit["name"] == service.name
        assert "registry" in edit["note"] and service.status_note in edit["note"]
    for service in unlocated:
        assert service.name in body["description"]
    results = client_for(pia).get(body["results_url"]).json()
    assert results["categories"] == ["work_training"]
    assert results["city"][0]["delta"]["n_sites"] == len(located)


def test_with_no_located_planned_service_it_is_refused(pia):
    Site.objects.filter(pk__in=planned().values("site_id")).update(
        geom=None, location_precision="none"
    )
    response = client_for(pia).post("/api/scenarios/planned/")
    assert response.status_code == 400
    assert "no planned service at a located site" in response.json()["detail"]
    assert not Scenario.objects.exists()
