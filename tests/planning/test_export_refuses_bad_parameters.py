"""Bad or missing parameters of the exports are refused with a sentence naming the parameter
(400); an unknown scenario is a 404, and so is any other file format."""

import pytest

from geoplan.planning.models import Scenario

from .test_export_helpers import *  # noqa: F403

pytestmark = pytest.mark.django_db

BAD = [
    ("/plan/export/zones.csv", "category"),
    ("/plan/export/zones.csv?category=parks", "category"),
    ("/plan/export/zones.xlsx?category=night_shelter&profile=fast", "profile"),
    ("/plan/export/zones.csv?category=night_shelter&scenario=one", "scenario"),
    ("/plan/export/zones.csv?category=night_shelter&scenario=-3", "scenario"),
    # Digits int() cannot read, and a number far too long for an id.
    ("/plan/export/zones.csv?category=night_shelter&scenario=%C2%B2", "scenario"),
    ("/plan/export/zones.csv?a=%D9%A3&b={s}", "a"),
    ("/plan/export/layer.geojson?layer=proposals&scenario=" + "9" * 5000, "scenario"),
    ("/plan/print/?category=night_shelter&profile=%C2%B2", "profile"),
    ("/plan/export/zones.csv?category=night_shelter&a={s}", "a, b"),
    ("/plan/export/zones.csv?scenario={s}&a={s}&b={s}", "scenario"),
    ("/plan/export/zones.csv?scenario={s}&category=social_desk", "category"),
    ("/plan/export/layer.geojson?category=night_shelter", "layer"),
    ("/plan/export/layer.geojson?layer=roads&category=night_shelter", "layer"),
    ("/plan/export/layer.gpkg?layer=zones", "category"),
    ("/plan/export/layer.geojson?layer=sites", "category"),
    ("/plan/export/layer.geojson?layer=proposals&category=night_shelter", "scenario"),
    ("/plan/export/layer.geojson?layer=zones&category=night_shelter&profile=x", "profile"),
    ("/plan/print/", "category"),
    ("/plan/print/?category=night_shelter&profile=walk", "profile"),
    ("/plan/scenarios/{s}/print/?category=work_training", "category"),
    ("/plan/scenarios/{s}/report.html?category=food_distribution&profile=x", "profile"),
    ("/plan/scenarios/{s}/report.html?category=social_desk", "category"),
]


@pytest.mark.parametrize(("url", "field"), BAD)
def test_it_names_the_bad_parameter(exporter, night_scenario, url, field):
    response = exporter.get(url.format(s=night_scenario.pk))
    assert response.status_code == 400
    text = response.content.decode()
    assert text.startswith(f"{field}: ")
    assert len(text.split()) >= 5


def test_a_scenario_without_edits_is_refused_with_a_sentence(exporter, planner):
    empty = Scenario.objects.create(name="Empty", owner=planner)
    for url in (
        f"/plan/scenarios/{empty.pk}/report.html",
        f"/plan/scenarios/{empty.pk}/print/",
        f"/plan/export/zones.csv?scenario={empty.pk}&category=night_shelter",
    ):
        response = exporter.get(url)
        assert response.status_code == 400
        assert "changes no service" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/plan/export/zones.csv?category=night_shelter&scenario={missing}",
        "/plan/export/zones.csv?a={missing}&b={missing}",
        "/plan/export/layer.geojson?layer=proposals&scenario={missing}",
        "/plan/scenarios/{missing}/report.html",
        "/plan/scenarios/{missing}/print/",
        "/plan/export/zones.pdf?category=night_shelter",
        "/plan/export/layer.shp?layer=zones&category=night_shelter",
        "/plan/export/zones.geojson?category=night_shelter",
        "/plan/export/layer.csv?layer=zones&category=night_shelter",
    ],
)
def test_unknown_scenarios_and_formats_are_not_found(exporter, night_scenario, url):
    missing = Scenario.objects.order_by("-pk").first().pk + 1000
    response = exporter.get(url.format(missing=missing))
    assert response.status_code == 404
