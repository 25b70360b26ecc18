"""A bad file of candidate points is refused whole, each bad row named by its line (CSV) or
feature number (GeoJSON), and nothing is queued."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from geoplan.jobs.models import Job
from geoplan.planning.candidates import MAX_FILE_BYTES


def refused(client, planner, name: str, content: bytes, **fields) -> list[str]:
    client.force_login(planner)
    form = {"category": "night_shelter", "k": "2", **fields}
    form["candidates_file"] = SimpleUploadedFile(name, content)
    response = client.post("/api/siting/", form)
    assert response.status_code == 400, response.content
    assert not Job.objects.filter(kind="siting").exists()
    errors = response.json()
    assert list(errors) == ["candidates_file"]
    return errors["candidates_file"]


def feature(geometry, **properties):
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


POINT = {"type": "Point", "coordinates": [7.6858, 45.0712]}

CSV_ROWS = [
    ("lon,lat\n7.68,45.07\nseven,45.07\n", ["line 3: lon is not a number ('seven')."]),
    ("lon,lat\n7.68,45.07\n7.69,\n", ["line 3: lat is missing."]),
    ("lon,lat,capacity\n7.68,45.07,-3\n", ["line 2: capacity -3 is negative."]),
    ("lon,lat,capacity\n7.68,45.07,lots\n", ["line 2: capacity is not a number ('lots')."]),
    ("lon,lat\n7.68,45.07\n9.19,45.4642\n", ["line 3 (9.19000, 45.46420) is outside the City"]),
    (
        "lon,lat\nx,45.07\n7.68,45.07\n7.68,y\n",
        ["line 2: lon is not a number ('x').", "line 4: lat is not a number ('y')."],
    ),
]


@pytest.mark.parametrize(("text", "sentences"), CSV_ROWS)
def test_each_bad_csv_row_is_named_by_its_line(client, planner, text, sentences):
    problems = refused(client, planner, "sites.csv", text.encode())
    assert len(problems) == len(sentences)
    for problem, sentence in zip(problems, sentences, strict=True):
        assert problem.startswith(sentence)


GEOJSON = [
    (
        collection(feature(POINT), feature({"type": "LineString", "coordinates": [[7, 45]] * 2})),
        "feature 2: the geometry is LineString, not a Point.",
    ),
    (collection(feature(POINT), feature(None)), "feature 2: the geometry is missing, not a Point."),
    (
        collection(feature({"type": "Point", "coordinates": [9.19, 45.4642]})),
        "feature 1 (9.19000, 45.46420) is outside the City of Turin.",
    ),
    (collection(feature(POINT, capacity=-1)), "feature 1: capacity -1 is negative."),
    (
        json.dumps({"type": "Feature", "geometry": POINT}).encode(),
        "The GeoJSON must be a FeatureCollection of points",
    ),
    (b'{"type": "FeatureCollection", "features": [', "The file is not valid JSON (line 1"),
    (
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "EPSG:32632"}},
                "features": [feature({"type": "Point", "coordinates": [396000, 4990000]})],
            }
        ).encode(),
        "declares the coordinate system 'EPSG:32632': use EPSG:4326",
    ),
]


@pytest.mark.parametrize(("content", "sentence"), GEOJSON)
def test_a_bad_geojson_is_refused_saying_where(client, planner, content, sentence):
    problems = refused(client, planner, "sites.geojson", content)
    assert sentence in problems[0]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("sites.xlsx", b"PK\x03\x04 a spreadsheet"),
        ("sites.csv", b"\xff\xfe\x00l\x00o\x00n"),  # UTF-16
        ("sites.csv", b"name,address\nCasa,Via Roma 1\n"),
        ("sites", b"\x89PNG\r\n\x1a\n"),
    ],
)
def test_a_file_that_is_neither_csv_nor_geojson_is_refused(client, planner, name, content):
    problems = refused(client, planner, name, content)
    assert "is not CSV or GeoJSON" in problems[0]


def test_a_file_over_2_mb_is_refused_saying_the_limit(client, planner):
    line = b"7.6858,45.0712\n"
    content = b"lon,lat\n" + line * (MAX_FILE_BYTES // len(line) + 1)
    problems = refused(client, planner, "big.csv", content)
    assert problems[0].startswith(f"The file is too large: {len(content):,} bytes")
    assert "limit of 2 MB (2,000,000 bytes)" in problems[0]


def test_more_than_2000_points_are_refused(client, planner):
    content = b"lon,lat\n" + b"7.6858,45.0712\n" * 2001
    assert refused(client, planner, "many.csv", content) == [
        "2,001 candidate points given: at most 2,000 are accepted."
    ]


def test_an_empty_file_or_one_without_points_is_refused(client, planner):
    assert refused(client, planner, "empty.csv", b"") == ["The file is empty."]
    assert refused(client, planner, "header.csv", b"lon,lat\n") == [
        "The file holds no candidate point."
    ]


def test_many_bad_rows_are_listed_up_to_a_limit(client, planner):
    content = b"lon,lat\n" + b"x,45.07\n" * 100
    problems = refused(client, planner, "bad.csv", content)
    assert len(problems) == 31 and problems[-1] == "... and 70 more problems."


def test_a_file_and_a_list_together_are_refused(client, planner):
    problems = refused(
        client,
        planner,
        "sites.csv",
        b"lon,lat\n7.68,45.07\n",
        candidates=json.dumps([{"lon": 7.68, "lat": 45.07}]),
    )
    assert problems == ["Send either candidates or candidates_file, not both."]
