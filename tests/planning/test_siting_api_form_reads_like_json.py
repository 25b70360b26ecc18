"""The form (multipart) request is the JSON request's fields with the same defaults, limits and
sentences, candidate points as JSON text or a file; the API document says so."""

import json

import pytest
from drf_spectacular.generators import SchemaGenerator

from geoplan.jobs.models import Job

URL = "/api/siting/"
VALID = {"category": "night_shelter", "k": 2}
MILAN = {"lon": 9.19, "lat": 45.4642}
INSIDE = {"lon": 7.6858, "lat": 45.0712}


@pytest.mark.parametrize(
    "change",
    [
        {"k": 51},
        {"threshold_min": 4},
        {"model": "kmeans"},
        {"grid_spacing_m": 99},
        {"time_limit_s": 61},
        {"candidates": [INSIDE, MILAN]},
        {"candidates": []},
        {"candidates": [{"lon": 7.68}]},
    ],
)
def test_a_form_is_refused_with_the_json_bodys_sentence(client, planner, change):
    client.force_login(planner)
    as_json = client.post(URL, {**VALID, **change}, content_type="application/json")
    form = {
        key: json.dumps(value) if key == "candidates" else value for key, value in change.items()
    }
    as_form = client.post(URL, {**VALID, **form})
    assert as_json.status_code == as_form.status_code == 400
    assert as_form.json() == as_json.json()
    assert not Job.objects.filter(kind="siting").exists()


def test_a_form_leaving_fields_out_gets_the_json_bodys_defaults(client, planner):
    client.force_login(planner)
    as_json = client.post(URL, VALID, content_type="application/json").json()["job"]
    Job.objects.filter(pk=as_json["id"]).update(status=Job.Status.SUCCEEDED)
    as_form = client.post(URL, {**VALID, "threshold_min": "", "model": ""}).json()["job"]
    params = {j["id"]: Job.objects.get(pk=j["id"]).params for j in (as_json, as_form)}
    ignore = {"task_id", "queued_at", "delay_s"}
    first, second = ({k: v for k, v in p.items() if k not in ignore} for p in params.values())
    assert first == second
    assert first["threshold_min"] == 15 and first["grid_spacing_m"] == 400


@pytest.mark.django_db
def test_the_document_gives_the_form_every_field_of_the_json_body():
    components = SchemaGenerator().get_schema(request=None, public=True)["components"]["schemas"]
    json_body, form = components["SitingRequest"], components["SitingMultipart"]
    assert set(form["properties"]) == set(json_body["properties"]) | {"candidates_file"}
    assert form["properties"]["candidates"]["type"] == "string"
    for name, field in json_body["properties"].items():
        if name != "candidates":
            assert form["properties"][name] == field, name
    assert form["required"] == json_body["required"] == ["category", "k"]
