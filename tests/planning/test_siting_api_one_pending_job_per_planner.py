"""A planner has one siting job queued or running at a time: another request gets 409 with a
sentence and the pending job (its URL to follow), and queues nothing; once it is done, or for
another planner, a request is taken."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from geoplan.jobs.models import Job

URL = "/api/siting/"
BODY = {"category": "night_shelter", "k": 2}


def ask(client):
    return client.post(URL, BODY, content_type="application/json")


@pytest.mark.parametrize("state", [Job.Status.QUEUED, Job.Status.RUNNING])
def test_a_second_request_waits_for_the_first(client, planner, state):
    client.force_login(planner)
    first = ask(client).json()["job"]
    Job.objects.filter(pk=first["id"]).update(status=state)
    response = ask(client)
    assert response.status_code == 409, response.content
    answer = response.json()
    assert answer["job"]["id"] == first["id"] and answer["job"]["url"] == first["url"]
    assert f"job {first['id']} is still {state}" in answer["detail"]
    assert first["url"] in answer["detail"]
    assert Job.objects.filter(kind="siting").count() == 1


@pytest.mark.parametrize("state", [Job.Status.SUCCEEDED, Job.Status.FAILED])
def test_a_finished_job_lets_the_planner_ask_again(client, planner, state):
    client.force_login(planner)
    first = ask(client).json()["job"]
    Job.objects.filter(pk=first["id"]).update(status=state)
    assert ask(client).status_code == 202
    assert Job.objects.filter(kind="siting").count() == 2


def test_a_job_left_unfinished_for_over_an_hour_no_longer_counts(client, planner):
    client.force_login(planner)
    first = ask(client).json()["job"]
    Job.objects.filter(pk=first["id"]).update(created_at=timezone.now() - timedelta(minutes=61))
    assert ask(client).status_code == 202


def test_another_planners_job_does_not_count(client, planner, outsider):
    client.force_login(planner)
    assert ask(client).status_code == 202
    outsider.groups.add(Group.objects.get_or_create(name="planner")[0])
    client.force_login(outsider)
    assert ask(client).status_code == 202
