"""Isochrones as a layer: 5, 10, 15 and 20 minutes around a scenario's added sites, or around
the category's published sites; at most 40 points, and the file says when it left some out."""

import json

import pytest
from django.contrib.gis.geos import Point

from geoplan.access.inputs import sites_frame
from geoplan.planning.models import Scenario, ScenarioEdit
from geoplan.registry.models import ServiceCategory

from .test_export_helpers import *  # noqa: F403

pytestmark = pytest.mark.django_db


def features(exporter, query):
    response = exporter.get(f"/plan/export/layer.geojson?layer=isochrones&{query}")
    assert response.status_code == 200, response.content
    return json.loads(response.content)


def test_around_a_scenarios_added_sites(exporter, night_scenario):
    collection = features(exporter, f"scenario={night_scenario.pk}")
    bands = [(f["properties"]["point"], f["properties"]["minutes"]) for f in collection["features"]]
    assert sorted(bands) == [(p, m) for p in (0, 1) for m in (5, 10, 15, 20)]
    names = {f["properties"]["name"] for f in collection["features"]}
    assert "Nuovo dormitorio Lucento" in names
    assert all(f["properties"]["origin"] == "proposed" for f in collection["features"])
    assert "note" not in collection


def test_around_the_published_sites_without_a_scenario(exporter):
    collection = features(exporter, "category=work_training&profile=slow")
    sites = sites_frame()
    n = sites.loc[sites["category"] == "work_training", "site_id"].nunique()
    assert len(collection["features"]) == 4 * n
    assert all(f["properties"]["origin"] == "published" for f in collection["features"])


def test_it_stops_at_forty_points_and_says_so(exporter, planner):
    scenario = Scenario.objects.create(name="Many", owner=planner)
    shelter = ServiceCategory.objects.get(code="night_shelter")
    ScenarioEdit.objects.bulk_create(
        ScenarioEdit(
            scenario=scenario,
            position=i,
            kind="add",
            category=shelter,
            geom=Point(7.64 + 0.001 * (i % 7), 45.06 + 0.001 * (i // 7), srid=4326),
        )
        for i in range(42)
    )
    collection = features(exporter, f"scenario={scenario.pk}&category=night_shelter")
    assert {f["properties"]["point"] for f in collection["features"]} == set(range(40))
    assert collection["note"] == "Isochrones drawn around the first 40 of 42 sites only."
