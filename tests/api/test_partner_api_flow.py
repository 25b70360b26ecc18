"""The whole flow through the API alone: a partner proposes a site, another partner cannot see
or approve it, the public map does not show it until a moderator approves it, and the approval
asks for a recompute of accessibility."""

import pytest
from rest_framework.test import APIClient

from geoplan.access.models import AccessRun
from geoplan.access.tasks import recompute_access
from geoplan.jobs.models import Job
from tests.jobs.conftest import purge_queues

from .test_partner_api_personas import *  # noqa: F403
from .test_partner_api_personas import PASSWORD, new_site_feature


def token_client(email: str) -> APIClient:
    client = APIClient()
    response = client.post(
        "/api/auth/token/", {"email": email, "password": PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.json()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def public_site(name: str) -> dict | None:
    features = APIClient().get("/api/sites/").json()["features"]
    return next((f for f in features if f["properties"]["name"] == name), None)


@pytest.fixture
def queues():
    """The recompute message really goes to the broker; it is removed afterwards, since no
    worker of this session should pick it up."""
    yield
    purge_queues()


def test_a_proposed_site_is_public_only_once_a_moderator_approves_it(
    partner_a, partner_b, moderator, settings, django_capture_on_commit_callbacks, queues
):
    settings.GEOPLAN_RECOMPUTE_ON_CHANGE = True
    runs_before = AccessRun.objects.count()
    before = AccessRun.objects.latest_completed("standard").city["food_distribution"]["n_sites"]
    name = "Dispensa solidale Nizza"

    alfa = token_client("partner.a@example.org")
    filed = alfa.post("/api/partner/sites/", new_site_feature(), format="json")
    assert filed.status_code == 202
    change_id = filed.json()["id"]
    assert filed.json()["status"] == "pending"

    beta = token_client("partner.b@example.org")
    assert beta.get(f"/api/partner/changes/{change_id}/").status_code == 404
    assert beta.post(f"/api/moderation/changes/{change_id}/approve").status_code == 403
    assert public_site(name) is None

    city = token_client("moderator@example.org")
    queue = city.get("/api/moderation/changes/").json()
    assert change_id in [c["id"] for c in queue]
    with django_capture_on_commit_callbacks(execute=True):
        approved = city.post(f"/api/moderation/changes/{change_id}/approve")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"

    site = public_site(name)
    assert site is not None and site["id"] == approved.json()["site"]
    assert site["geometry"]["coordinates"] == [7.6745, 45.0495]
    (service,) = site["properties"]["services"]
    assert service["category"] == "food_distribution"
    assert [(h["weekday"], h["opens_at"], h["closes_at"]) for h in service["schedules"]] == [
        (1, "09:00", "13:00")
    ]
    assert service["opening_hours"] == "Mo 09:00-13:00"

    job = Job.objects.get(kind="recompute", status=Job.Status.QUEUED)
    assert job.params.get("task_id"), "the job was handed to the broker"
    # The worker's task, run here on this test's data (a worker process could not see the
    # uncommitted approval): accessibility is recomputed with the new site.
    recompute_access.apply(args=[job.pk], task_id=job.params["task_id"])
    job.refresh_from_db()
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert AccessRun.objects.count() == runs_before + 2  # standard and slow walkers
    run = AccessRun.objects.latest_completed("standard")
    assert run.city["food_distribution"]["n_sites"] == before + 1
    assert alfa.get(f"/api/partner/changes/{change_id}/").json()["status"] == "approved"
