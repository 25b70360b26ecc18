"""Jobs: who may start them, who may watch them, and what a bad request gets."""

from geoplan.jobs.models import Job


def test_staff_start_a_recompute_and_watch_it(client, planner, django_capture_on_commit_callbacks):
    client.force_login(planner)
    response = client.post("/api/access/recompute")
    assert response.status_code == 202
    job = response.json()
    assert job["kind"] == "recompute" and job["status"] == "queued"
    watched = client.get(job["url"]).json()
    assert watched["id"] == job["id"] and watched["progress"] == 0


def test_anonymous_users_and_outsiders_can_neither_start_nor_watch(client, outsider):
    assert client.post("/api/access/recompute").status_code in (401, 403)
    job = Job.objects.create(kind="recompute")
    assert client.get(f"/api/jobs/{job.pk}/").status_code in (401, 403)
    client.force_login(outsider)
    assert client.post("/api/access/recompute").status_code == 403
    assert client.get(f"/api/jobs/{job.pk}/").status_code == 404


def test_a_person_watches_the_job_they_asked_for(client, outsider):
    job = Job.objects.create(kind="candidates", requested_by=outsider)
    client.force_login(outsider)
    assert client.get(f"/api/jobs/{job.pk}/").json()["kind"] == "candidates"


def test_candidates_outside_turin_or_too_many_are_refused_and_nothing_is_queued(client, planner):
    client.force_login(planner)
    before = Job.objects.count()
    body = {
        "category": "night_shelter",
        "candidates": [{"lon": 7.68, "lat": 45.07}, {"lon": 9.19, "lat": 45.46}],
    }
    response = client.post("/api/access/candidates", body, content_type="application/json")
    assert response.status_code == 400
    assert "inside the City of Turin: 2 are not" in str(response.json())
    many = {"category": "night_shelter", "candidates": [{"lon": 7.68, "lat": 45.07}] * 201}
    response = client.post("/api/access/candidates", many, content_type="application/json")
    assert response.status_code == 400
    unknown = {"category": "library", "candidates": [{"lon": 7.68, "lat": 45.07}]}
    assert (
        client.post("/api/access/candidates", unknown, content_type="application/json").status_code
        == 400
    )
    assert Job.objects.count() == before


def test_staff_start_a_candidate_evaluation(client, planner):
    client.force_login(planner)
    body = {"category": "housing_first", "candidates": [{"lon": 7.68, "lat": 45.07}]}
    response = client.post("/api/access/candidates", body, content_type="application/json")
    assert response.status_code == 202
    job = Job.objects.get(pk=response.json()["id"])
    assert job.kind == "candidates" and job.params["category"] == "housing_first"
    assert job.requested_by == planner and job.params["task_id"]
