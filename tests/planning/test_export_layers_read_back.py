"""The layers read back with pyogrio (GDAL): feature counts, columns and CRS, in GeoJSON and
GeoPackage alike, each naming its licence."""

import json

import pyogrio
import pytest

from geoplan.access.inputs import sites_frame
from geoplan.access.models import AccessRun, ZoneAccess
from geoplan.planning.scenarios import scenario_results
from geoplan.planning.tables import figure

from .test_export_helpers import *  # noqa: F403

pytestmark = pytest.mark.django_db


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def read(exporter, tmp_path):
    """GET a layer, save it, and read it back with GDAL: (info, frame, response)."""

    def get(query: str, fmt: str):
        response = exporter.get(f"/plan/export/layer.{fmt}?{query}")
        assert response.status_code == 200, body_of(response)
        assert 'rel="license"' in response["Link"]
        path = tmp_path / f"layer.{fmt}"
        path.write_bytes(body_of(response))
        return pyogrio.read_info(path), pyogrio.read_dataframe(path), response

    return get


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_zones_carry_the_current_measures(read, fmt):
    info, frame, _response = read("layer=zones&category=night_shelter", fmt)
    assert info["features"] == 94
    assert info["crs"] == "EPSG:4326"
    assert info["geometry_type"] in ("MultiPolygon", "Polygon")
    for column in ("zone", "zone_name", "population", "share_within_15", "gap_people", "gap_rank"):
        assert column in frame.columns
    run = AccessRun.objects.latest_completed("standard")
    ranks = dict(
        ZoneAccess.objects.filter(run=run, category="night_shelter").values_list(
            "zone__code", "gap_rank"
        )
    )
    assert dict(zip(frame["zone"], frame["gap_rank"].astype(int), strict=True)) == ranks


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_with_a_scenario_zones_add_after_and_change(read, night_scenario, fmt):
    query = f"layer=zones&scenario={night_scenario.pk}&category=night_shelter"
    _info, frame, _response = read(query, fmt)
    assert len(frame) == 94
    results = scenario_results(night_scenario, "standard")
    want = {
        z["zone"]: z["delta"]["residents_within_15"]
        for z in results["zones"]
        if z["category"] == "night_shelter"
    }
    got = dict(zip(frame["zone"], frame["residents_within_15_delta"].astype(int), strict=True))
    assert got == want
    # Written as the zone tables write them: people to one, shares to a thousandth.
    night = {z["zone"]: z for z in results["zones"] if z["category"] == "night_shelter"}
    for zone, unserved, share in zip(
        frame["zone"],
        frame["need_weighted_unserved_after"],
        frame["share_within_15_delta"],
        strict=True,
    ):
        assert unserved == figure(
            "need_weighted_unserved", night[zone]["after"]["need_weighted_unserved"]
        )
        assert share == figure("share_within_15", night[zone]["delta"]["share_within_15"])


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_sites_are_the_published_sites_of_the_category(read, fmt):
    info, frame, _response = read("layer=sites&category=food_distribution", fmt)
    sites = sites_frame()
    expected = set(sites.loc[sites["category"] == "food_distribution", "site_id"])
    assert info["geometry_type"] == "Point"
    assert set(frame["site"]) == expected
    assert {"name", "address", "capacity", "services"} <= set(frame.columns)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_proposals_are_the_scenarios_points(read, night_scenario, fmt):
    info, frame, _response = read(f"layer=proposals&scenario={night_scenario.pk}", fmt)
    assert info["features"] == 4
    assert list(frame["kind"]) == ["add", "add", "move", "close"]
    assert list(frame["name"])[0] == "Nuovo dormitorio Lucento"
    assert list(frame["capacity"])[:2] == [20, 20]
    lucento = frame.geometry.iloc[0]
    assert (round(lucento.x, 3), round(lucento.y, 3)) == (7.645, 45.095)


def test_an_empty_layer_is_still_a_layer(read):
    info, frame, _response = read("layer=sites&category=housing_first", "gpkg")
    assert info["features"] == 0 and info["crs"] == "EPSG:4326"


def test_the_geojson_names_its_licence_and_sources(read, night_scenario):
    _info, _frame, response = read(f"layer=proposals&scenario={night_scenario.pk}", "geojson")
    collection = json.loads(response.content)
    assert collection["licence"]["id"] == "ODbL-1.0"
    assert "© OpenStreetMap contributors" in collection["attribution"]
    assert "CC BY 4.0" in collection["attribution"]
    assert collection["scenario"] == night_scenario.pk
    assert response["Content-Disposition"].startswith('attachment; filename="geoplan-proposals-')
