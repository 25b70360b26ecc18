"""POST /api/siting/ refuses every bad field with a sentence naming it, and queues nothing."""

import pytest

from geoplan.jobs.models import Job

URL = "/api/siting/"
INSIDE = {"lon": 7.6858, "lat": 45.0712}  # Piazza Castello
MILAN = {"lon": 9.19, "lat": 45.4642}
VALID = {"category": "night_shelter", "k": 3}

REFUSALS = [
    ({"category": "library"}, "category", "Unknown category 'library'"),
    ({"category": ""}, "category", "category must be"),
    ({"k": 0}, "k", "k must be a whole number from 1 to 50"),
    ({"k": 51}, "k", "k must be a whole number from 1 to 50"),
    ({"k": "three"}, "k", "k must be a whole number from 1 to 50"),
    ({"threshold_min": 4}, "threshold_min", "threshold_min must be a whole number of minutes"),
    ({"threshold_min": 31}, "threshold_min", "from 5 to 30"),
    ({"model": "kmeans"}, "model", "Unknown model 'kmeans': use mclp, pmedian or setcover"),
    ({"profile": "fast"}, "profile", "Unknown profile 'fast': use standard or slow"),
    ({"coverage_target": 0}, "coverage_target", "coverage_target must be a percentage"),
    ({"coverage_target": 100.5}, "coverage_target", "from 1 to 100"),
    ({"grid_spacing_m": 99}, "grid_spacing_m", "grid_spacing_m must be a whole number of metres"),
    ({"grid_spacing_m": 2001}, "grid_spacing_m", "from 100 to 2000"),
    ({"time_limit_s": 0.5}, "time_limit_s", "time_limit_s must be a number of seconds"),
    ({"time_limit_s": 61}, "time_limit_s", "from 1 to 60"),
    ({"candidates": [INSIDE] * 2001}, "candidates", "at most 2000 points are accepted"),
    ({"candidates": []}, "candidates", "candidates is empty"),
    ({"candidates": None}, "candidates", "candidates may not be null"),
    ({"candidates_file": "sites.csv"}, "candidates_file", "must be an uploaded file"),
    ({"candidates": "7.68,45.07"}, "candidates", "candidates must be a list of points"),
    (
        {"candidates": [INSIDE, MILAN, INSIDE, MILAN]},
        "candidates",
        "Candidate points must be inside the City of Turin: 2, 4 are not.",
    ),
    ({"candidates": [{**INSIDE, "capacity": -5}]}, "candidates", "capacity must be a number, 0"),
    ({"candidates": [{"lon": 7.68}]}, "candidates", "lat must be a latitude"),
]


@pytest.mark.parametrize(("change", "field", "sentence"), REFUSALS)
def test_it_refuses_a_bad_field_naming_it_and_queues_nothing(
    client, planner, change, field, sentence
):
    client.force_login(planner)
    jobs = Job.objects.count()
    response = client.post(URL, {**VALID, **change}, content_type="application/json")
    assert response.status_code == 400, response.content
    errors = response.json()
    assert list(errors) == [field]
    assert sentence in str(errors[field])
    assert Job.objects.count() == jobs


def test_it_refuses_a_request_without_k_or_category(client, planner):
    client.force_login(planner)
    response = client.post(URL, {}, content_type="application/json")
    assert response.status_code == 400
    errors = response.json()
    assert "category is required" in errors["category"][0]
    assert "k must be" in errors["k"][0]
    assert not Job.objects.filter(kind="siting").exists()


def test_it_refuses_a_body_that_is_not_an_object(client, planner):
    client.force_login(planner)
    response = client.post(URL, [VALID], content_type="application/json")
    assert response.status_code == 400
    assert not Job.objects.filter(kind="siting").exists()


def test_it_refuses_candidates_that_are_not_json_text_in_a_form(client, planner):
    client.force_login(planner)
    response = client.post(URL, {**VALID, "candidates": "[{lon: 7.68"})
    assert response.status_code == 400
    assert response.json()["candidates"][0].startswith("candidates must be JSON text")
    assert not Job.objects.filter(kind="siting").exists()


def test_a_grid_without_the_city_boundary_is_refused_saying_so(client, planner):
    from geoplan.territory.models import City

    City.objects.all().delete()
    client.force_login(planner)
    response = client.post(URL, VALID, content_type="application/json")
    assert response.status_code == 400
    assert "city boundary is not loaded yet" in str(response.json())
    assert not Job.objects.filter(kind="siting").exists()
