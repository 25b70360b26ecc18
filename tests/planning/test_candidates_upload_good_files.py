"""A planner's file of candidate points, CSV or GeoJSON, is read into the siting job's
candidates: coordinates, capacity and name, in the file's order."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile

from geoplan.jobs.models import Job
from geoplan.planning.candidates import read_candidates

EXPECTED = [
    {"lon": 7.6745, "lat": 45.0495, "capacity": 20.0, "name": "Via Nizza 100"},
    {"lon": 7.705, "lat": 45.089},
    {"lon": 7.64, "lat": 45.035, "name": "Mirafiori, corso Traiano"},
]


def upload(client, name: str, content: bytes, **fields):
    form = {"category": "night_shelter", "k": "2", **fields}
    form["candidates_file"] = SimpleUploadedFile(name, content)
    return client.post("/api/siting/", form)


def test_a_csv_with_lon_lat_capacity_and_name_reaches_the_job(client, planner):
    csv = (
        "name,lon,lat,capacity\n"
        "Via Nizza 100,7.6745,45.0495,20\n"
        ",7.705,45.089,\n"
        "\n"
        '"Mirafiori, corso Traiano",7.64,45.035,\n'
    )
    client.force_login(planner)
    response = upload(client, "candidates.csv", csv.encode())
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["job"]["id"])
    assert job.params["candidates"] == EXPECTED
    assert job.params["candidates_source"] == "candidates.csv"


def test_a_csv_may_say_longitude_latitude_or_lng_and_carry_a_byte_order_mark():
    text = "\ufeffLongitude,Latitude\n7.6745,45.0495\n"
    assert [c.as_json() for c in read_candidates("a.csv", text.encode())] == [
        {"lon": 7.6745, "lat": 45.0495}
    ]
    text = "lng,lat,note\n7.705,45.089,anything\n"
    assert [c.as_json() for c in read_candidates("b.csv", text.encode())] == [EXPECTED[1]]


def test_a_semicolon_csv_from_an_italian_spreadsheet_may_use_decimal_commas():
    text = "lat;lon;capacity;name\n45,0495;7,6745;20;Via Nizza 100\n"
    points = read_candidates("fogli.csv", text.encode())
    assert [c.as_json() for c in points] == [EXPECTED[0]]
    assert points[0].where == "line 2"


def test_a_geojson_feature_collection_of_points_reaches_the_job(client, planner):
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p["lon"], p["lat"]]},
            "properties": {k: v for k, v in p.items() if k in ("capacity", "name")},
        }
        for p in EXPECTED
    ]
    geojson = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": features,
    }
    client.force_login(planner)
    response = upload(client, "proposals.geojson", json.dumps(geojson).encode(), model="pmedian")
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["job"]["id"])
    assert job.params["candidates"] == EXPECTED and job.params["model"] == "pmedian"


def test_a_file_without_a_known_suffix_is_told_apart_by_its_content():
    geojson = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [7.7, 45.1]}}
        ],
    }
    assert read_candidates("blob", json.dumps(geojson).encode())[0].where == "feature 1"
    assert read_candidates("blob", b"lon,lat\n7.7,45.1\n")[0].where == "line 2"
