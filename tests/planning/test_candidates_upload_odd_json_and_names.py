"""A file of candidate points with an odd shape is refused with a sentence saying where, never
a server error: a NUL in a name, a crs that is not an object, a feature, geometry or properties
that is not an object."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from geoplan.jobs.models import Job
from geoplan.planning.candidates import CandidatesFileError, read_candidates

POINT = {"type": "Point", "coordinates": [7.6858, 45.0712]}


def refused(client, planner, name: str, content: bytes) -> list[str]:
    client.force_login(planner)
    form = {"category": "night_shelter", "k": "2"}
    form["candidates_file"] = SimpleUploadedFile(name, content)
    response = client.post("/api/siting/", form)
    assert response.status_code == 400, response.content
    assert not Job.objects.filter(kind="siting").exists()
    assert list(response.json()) == ["candidates_file"]
    return response.json()["candidates_file"]


def collection(features, **more) -> bytes:
    return json.dumps({"type": "FeatureCollection", **more, "features": features}).encode()


def test_a_nul_in_a_csv_name_is_refused_naming_the_line(client, planner):
    content = b"lon,lat,name\n7.68,45.07,Casa\n7.69,45.07,Ca\x00sa\n"
    assert refused(client, planner, "sites.csv", content) == [
        "line 3: the name holds a NUL character (byte 0), which no name may hold."
    ]


def test_a_nul_in_a_geojson_name_is_refused_naming_the_feature(client, planner):
    feature = {"type": "Feature", "geometry": POINT, "properties": {"name": "a\u0000b"}}
    problems = refused(client, planner, "sites.geojson", collection([feature]))
    assert problems == [
        "feature 1: the name holds a NUL character (byte 0), which no name may hold."
    ]


@pytest.mark.parametrize(
    "crs",
    ["EPSG:4326", ["EPSG:4326"], {"type": "name", "properties": "EPSG:4326"}, {"type": "name"}],
)
def test_a_crs_that_is_not_an_object_of_the_geojson_form_is_refused(client, planner, crs):
    problems = refused(client, planner, "sites.geojson", collection([], crs=crs))
    assert problems == [
        'The GeoJSON\'s crs must be an object like {"type": "name", "properties": {"name": '
        '"EPSG:4326"}}, or be left out (EPSG:4326).'
    ]


def test_a_crs_naming_wgs84_is_read():
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    feature = {"type": "Feature", "geometry": POINT, "properties": None}
    (point,) = read_candidates("a.geojson", collection([feature], crs=crs))
    assert (point.lon, point.lat) == (7.6858, 45.0712)


@pytest.mark.parametrize(
    ("feature", "sentence"),
    [
        (5, "feature 2 is not a GeoJSON Feature (a JSON object)."),
        ("Feature", "feature 2 is not a GeoJSON Feature (a JSON object)."),
        (
            {"type": "Feature", "geometry": "Point", "properties": {}},
            "feature 2: the geometry is not a GeoJSON geometry (a JSON object).",
        ),
        (
            {"type": "Feature", "geometry": POINT, "properties": ["Casa"]},
            "feature 2: the properties are not a JSON object.",
        ),
        (
            {"type": "Feature", "geometry": POINT, "properties": {"name": {"it": "Casa"}}},
            "feature 2: the name must be text.",
        ),
    ],
)
def test_anything_but_an_object_at_each_level_is_refused_saying_where(
    client, planner, feature, sentence
):
    good = {"type": "Feature", "geometry": POINT, "properties": {"name": "Casa"}}
    assert refused(client, planner, "sites.geojson", collection([good, feature])) == [sentence]


def test_counts_are_written_as_the_language_writes_numbers():
    from django.utils import translation

    content = b"lon,lat\n" + b"7.6858,45.0712\n" * 2001
    with pytest.raises(CandidatesFileError) as english:
        read_candidates("many.csv", content)
    assert english.value.problems == ["2,001 candidate points given: at most 2,000 are accepted."]
    with translation.override("it"), pytest.raises(CandidatesFileError) as italian:
        read_candidates("many.csv", content)
    assert "2.001" in italian.value.problems[0] and "2.000" in italian.value.problems[0]
