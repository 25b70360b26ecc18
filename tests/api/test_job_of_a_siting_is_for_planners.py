"""A siting job (a planner's work, its answer a scenario) is read by the planner who asked, other
planners and admins; a moderator or any other account gets 404. Other jobs stay readable by
staff."""

import pytest
from django.contrib.auth.models import Group

from geoplan.jobs.models import Job


@pytest.fixture
def other_planner(django_user_model):
    user = django_user_model.objects.create_user("pia", "pia@example.org", "pass", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="planner")[0])
    return user


@pytest.fixture
def siting_job(other_planner):
    return Job.objects.create(kind="siting", requested_by=other_planner, params={"k": 3})


def status(client, user, job):
    client.force_login(user)
    return client.get(f"/api/jobs/{job.pk}/").status_code


def test_the_planner_who_asked_reads_it(client, other_planner, siting_job):
    assert status(client, other_planner, siting_job) == 200


def test_another_planner_and_an_admin_read_it(client, planner, outsider, siting_job):
    assert planner.is_superuser and status(client, planner, siting_job) == 200
    outsider.groups.add(Group.objects.get_or_create(name="planner")[0])
    assert status(client, outsider, siting_job) == 200


@pytest.mark.parametrize("persona", ["moderator", "clerk", "partner_a", "outsider"])
def test_moderators_and_other_accounts_get_404(client, request, persona, siting_job):
    user = request.getfixturevalue(persona)
    response = (client.force_login(user), client.get(f"/api/jobs/{siting_job.pk}/"))[1]
    assert response.status_code == 404
    assert "siting" not in response.content.decode()


def test_a_moderator_still_reads_a_recompute_job(client, moderator):
    job = Job.objects.create(kind="recompute")
    assert moderator.is_staff and status(client, moderator, job) == 200
