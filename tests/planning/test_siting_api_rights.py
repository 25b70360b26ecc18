"""Only planners start an optimal siting: anonymous 401, other accounts 403, planners 202."""

import pytest
from django.contrib.auth.models import Group

from geoplan.jobs.models import Job

URL = "/api/siting/"
BODY = {"category": "night_shelter", "k": 3}


def post(client):
    return client.post(URL, BODY, content_type="application/json")


def test_anonymous_requests_are_asked_to_authenticate(client, db):
    response = post(client)
    assert response.status_code == 401
    assert not Job.objects.filter(kind="siting").exists()


@pytest.mark.parametrize("persona", ["partner_a", "moderator", "outsider", "clerk"])
def test_accounts_that_are_not_planners_are_refused(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = post(client)
    assert response.status_code == 403
    assert "planner" in response.json()["detail"]
    assert not Job.objects.filter(kind="siting").exists()


def test_a_planner_starts_a_siting_job_and_watches_it(client, planner):
    client.force_login(planner)
    response = post(client)
    assert response.status_code == 202, response.content
    answer = response.json()
    assert list(answer) == ["job"]
    job = Job.objects.get(pk=answer["job"]["id"])
    assert job.kind == "siting" and job.requested_by == planner
    assert answer["job"]["status"] == "queued" and answer["job"]["url"] == f"/api/jobs/{job.pk}/"
    assert job.params["task_id"]  # sent to the queue
    # The documented defaults, filled in.
    assert {k: job.params[k] for k in BODY | {"threshold_min": 0, "profile": 0, "model": 0}} == {
        "category": "night_shelter",
        "k": 3,
        "threshold_min": 15,
        "profile": "standard",
        "model": "mclp",
    }
    assert job.params["grid_spacing_m"] == 400 and job.params["time_limit_s"] == 10
    assert job.params["coverage_target"] == 90 and job.params["candidates_source"] == "grid"
    assert client.get(answer["job"]["url"]).json()["id"] == job.pk


def test_a_member_of_the_planner_group_is_a_planner(client, outsider):
    outsider.groups.add(Group.objects.get_or_create(name="planner")[0])
    client.force_login(outsider)
    assert post(client).status_code == 202


def test_a_token_works_as_well_as_a_session(client, planner):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=planner).key
    response = client.post(
        URL, BODY, content_type="application/json", HTTP_AUTHORIZATION=f"Token {token}"
    )
    assert response.status_code == 202
