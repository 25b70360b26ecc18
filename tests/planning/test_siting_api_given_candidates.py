"""Candidate points given in the request (JSON list, or JSON text in a form) reach the job as
given, capacity and name included."""

from geoplan.jobs.models import Job

POINTS = [
    {"lon": 7.6745, "lat": 45.0495, "capacity": 20, "name": "Via Nizza"},
    {"lon": 7.705, "lat": 45.089},
]


def test_a_json_list_of_candidates_reaches_the_job(client, planner):
    client.force_login(planner)
    body = {"category": "food_distribution", "k": 1, "model": "pmedian", "candidates": POINTS}
    response = client.post("/api/siting/", body, content_type="application/json")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["job"]["id"])
    assert job.params["candidates"] == POINTS
    assert job.params["candidates_source"] == "request" and job.params["model"] == "pmedian"


def test_a_form_sends_candidates_as_json_text_and_leaves_empty_fields_to_their_defaults(
    client, planner
):
    import json

    client.force_login(planner)
    form = {
        "category": "night_shelter",
        "k": "2",
        "threshold_min": "",
        "model": "setcover",
        "coverage_target": "75",
        "candidates": json.dumps(POINTS),
    }
    response = client.post("/api/siting/", form)
    assert response.status_code == 202, response.content
    job = Job.objects.get(pk=response.json()["job"]["id"])
    assert job.params["candidates"] == POINTS
    assert job.params["k"] == 2 and job.params["threshold_min"] == 15
    assert job.params["model"] == "setcover" and job.params["coverage_target"] == 75
