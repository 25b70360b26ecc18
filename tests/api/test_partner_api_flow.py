"""The whole flow through the API alone: a partner proposes a site, another partner cannot see
or approve it, the public map does not show it until a moderator approves it, and the approval
asks for a recompute of accessibility."""

from rest_framework.test import APIClient

from geoplan.jobs.models import Job

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


def test_a_proposed_site_is_public_only_once_a_moderator_approves_it(
    partner_a, partner_b, moderator, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.GEOPLAN_RECOMPUTE_ON_CHANGE = True
    # No message to the shared broker: no worker runs here, the job is only asked for.
    sent = []
    monkeypatch.setattr("geoplan.access.recompute._enqueue", lambda job, delay: sent.append(job))
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
    assert sent == [job]
    assert alfa.get(f"/api/partner/changes/{change_id}/").json()["status"] == "approved"
