"""The moderation API: moderators list, approve (over conflicts, once seen) and reject requests."""

from rest_framework.test import APIClient

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Service

from .test_partner_api_personas import *  # noqa: F403
from .test_partner_api_personas import client_for, new_site_feature

CHANGES = "/api/moderation/changes/"


def file_rename(partner, site, name="Emporio Alfa solidale") -> int:
    feature = {"type": "Feature", "properties": {"name": name}}
    response = client_for(partner).patch(f"/api/partner/sites/{site.pk}/", feature, format="json")
    assert response.status_code == 202, response.json()
    return response.json()["id"]


def file_new_site(partner) -> int:
    response = client_for(partner).post("/api/partner/sites/", new_site_feature(), format="json")
    assert response.status_code == 202, response.json()
    return response.json()["id"]


# ---------------------------------------------------------------------------------------------
# Who may use it
# ---------------------------------------------------------------------------------------------
def test_an_anonymous_visitor_is_asked_to_authenticate(db):
    assert APIClient().get(CHANGES).status_code == 401


def test_a_partner_is_refused_with_a_sentence(partner_a):
    response = client_for(partner_a).get(CHANGES)
    assert response.status_code == 403
    assert response.json()["detail"] == "Only the city's moderators can review change requests."


def test_a_partner_cannot_approve_even_its_own_request(partner_a, site_a):
    change_id = file_rename(partner_a, site_a)
    response = client_for(partner_a).post(f"{CHANGES}{change_id}/approve")
    assert response.status_code == 403
    assert ChangeRequest.objects.get(pk=change_id).status == "pending"


# ---------------------------------------------------------------------------------------------
# Reviewing
# ---------------------------------------------------------------------------------------------
def test_the_queue_lists_pending_requests_oldest_first_with_what_to_review(
    moderator, partner_a, partner_b, site_a, site_b, org_a
):
    first = file_rename(partner_a, site_a)
    second = file_rename(partner_b, site_b, "Emporio Beta solidale")
    decided = file_rename(partner_a, site_a, "Another name")
    ChangeRequest.objects.filter(pk=decided).update(status="withdrawn")
    body = client_for(moderator).get(CHANGES).json()
    assert [c["id"] for c in body] == [first, second]
    change = body[0]
    assert change["organization"] == {"id": org_a.pk, "name": org_a.name}
    assert change["submitted_by"] == "partner.a@example.org"
    assert change["payload"] == {"site": {"name": "Emporio Alfa solidale"}}
    assert change["base"] == {"site": {"name": "Emporio Alfa"}}
    assert change["conflicts"] == [] and isinstance(change["warnings"], list)


def test_the_queue_can_show_another_status(moderator, partner_a, site_a):
    change_id = file_rename(partner_a, site_a)
    ChangeRequest.objects.filter(pk=change_id).update(status="withdrawn")
    client = client_for(moderator)
    assert client.get(CHANGES).json() == []
    assert [c["id"] for c in client.get(CHANGES, {"status": "withdrawn"}).json()] == [change_id]
    assert [c["id"] for c in client.get(CHANGES, {"status": "all"}).json()] == [change_id]


def test_an_unknown_status_is_refused_with_the_known_ones(moderator):
    response = client_for(moderator).get(CHANGES, {"status": "draft"})
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Unknown status “draft”: use one of pending, approved, rejected, withdrawn, all."
    )


def test_an_unknown_request_is_not_found(moderator):
    response = client_for(moderator).get(f"{CHANGES}999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "There is no submitted change request with this id."


def test_a_request_shows_a_conflict_found_now(moderator, partner_a, site_a):
    change_id = file_rename(partner_a, site_a)
    site_a.name = "Emporio Alfa (renamed by the city)"
    site_a.save()
    body = client_for(moderator).get(f"{CHANGES}{change_id}/").json()
    assert body["conflicts"] == [
        {
            "path": "site.name",
            "filed": "Emporio Alfa",
            "now": "Emporio Alfa (renamed by the city)",
            "proposed": "Emporio Alfa solidale",
        }
    ]


# ---------------------------------------------------------------------------------------------
# Deciding
# ---------------------------------------------------------------------------------------------
def test_an_approved_change_is_applied_to_the_registry(moderator, partner_a, site_a):
    change_id = file_rename(partner_a, site_a)
    response = client_for(moderator).post(f"{CHANGES}{change_id}/approve/")
    assert response.status_code == 200
    assert response.json() == {"id": change_id, "status": "approved", "site": site_a.pk}
    site_a.refresh_from_db()
    assert site_a.name == "Emporio Alfa solidale"


def test_an_approved_new_site_is_created_with_its_service(moderator, partner_a, org_a):
    change_id = file_new_site(partner_a)
    response = client_for(moderator).post(f"{CHANGES}{change_id}/approve")
    assert response.status_code == 200
    service = Service.objects.get(site_id=response.json()["site"])
    assert service.site.organization == org_a and service.status == "published"
    assert service.opening_hours == "Mo 09:00-13:00"


def test_a_conflicting_edit_stops_approval_until_approved_over_it(moderator, partner_a, site_a):
    service = site_a.services.get()
    feature = {"properties": {"services": [{"id": service.pk, "name": "Pacchi del lunedì"}]}}
    response = client_for(partner_a).patch(
        f"/api/partner/sites/{site_a.pk}/", feature, format="json"
    )
    change_id = response.json()["id"]
    service.name = "Pacchi alimentari (city)"
    service.save()
    client = client_for(moderator)
    refused = client.post(f"{CHANGES}{change_id}/approve/")
    assert refused.status_code == 409
    body = refused.json()
    assert body["detail"].startswith("The record has changed since this request was filed")
    assert body["conflicts"] == [
        {
            "path": f"services.{service.pk}.name",
            "filed": "Pacchi alimentari - Emporio Alfa",
            "now": "Pacchi alimentari (city)",
            "proposed": "Pacchi del lunedì",
        }
    ]
    assert ChangeRequest.objects.get(pk=change_id).status == "pending"
    approved = client.post(
        f"{CHANGES}{change_id}/approve/", {"override_conflicts": True}, format="json"
    )
    assert approved.status_code == 200
    service.refresh_from_db()
    assert service.name == "Pacchi del lunedì"
    assert ChangeRequest.objects.get(pk=change_id).overrode_conflicts[0]["path"] == (
        f"services.{service.pk}.name"
    )


def test_a_new_site_whose_address_was_taken_since_cannot_be_approved_over_it(
    moderator, partner_a, org_b
):
    from .test_partner_api_personas import NEW_SITE_ADDRESS, make_site

    change_id = file_new_site(partner_a)
    make_site(org_b, "Arrived first", NEW_SITE_ADDRESS, 7.6746, 45.0496)
    response = client_for(moderator).post(
        f"{CHANGES}{change_id}/approve/", {"override_conflicts": True}, format="json"
    )
    assert response.status_code == 409
    assert [c["path"] for c in response.json()["conflicts"]] == ["site.address"]


def test_a_decided_request_cannot_be_approved_again(moderator, partner_a, site_a):
    change_id = file_rename(partner_a, site_a)
    client = client_for(moderator)
    assert client.post(f"{CHANGES}{change_id}/approve/").status_code == 200
    again = client.post(f"{CHANGES}{change_id}/approve/")
    assert again.status_code == 409
    assert again.json()["detail"] == (
        "Only a pending request can be approved; this one is approved."
    )


def test_a_moderator_cannot_decide_a_request_they_filed(moderator, org_a, site_a):
    from django.contrib.auth.models import Group

    from geoplan.accounts.models import Membership

    # City staff who also work for a partner organisation: both roles.
    moderator.groups.add(Group.objects.get(name="partner"))
    Membership.objects.create(user=moderator, organization=org_a)
    change = propose(moderator, {"site": {"name": "Renamed by its moderator"}}, site_a)
    response = client_for(moderator).post(f"{CHANGES}{change.pk}/approve/")
    assert response.status_code == 403
    assert response.json()["detail"] == (
        "You cannot decide this request (your own, or not a moderator)."
    )


def test_a_rejection_gives_its_reason_to_the_partner(moderator, partner_a, site_a):
    change_id = file_rename(partner_a, site_a)
    reason = "The sign on the door still says Emporio Alfa: send a photo of the new one."
    response = client_for(moderator).post(
        f"{CHANGES}{change_id}/reject", {"reason": reason}, format="json"
    )
    assert response.status_code == 200
    assert response.json() == {
        "id": change_id,
        "status": "rejected",
        "site": site_a.pk,
        "reason": reason,
    }
    seen = client_for(partner_a).get(f"/api/partner/changes/{change_id}/").json()
    assert seen["status"] == "rejected" and seen["reason"] == reason
    assert seen["decided_at"] is not None


def test_a_rejection_without_a_reason_is_refused(moderator, partner_a, site_a):
    change_id = file_rename(partner_a, site_a)
    response = client_for(moderator).post(f"{CHANGES}{change_id}/reject/", {"reason": "  "})
    assert response.status_code == 400
    body = response.json()
    assert body["errors"] == {
        "reason": ["Say why the request is rejected: the partner will read it."]
    }
    assert ChangeRequest.objects.get(pk=change_id).status == "pending"


def test_a_session_write_needs_the_csrf_token_a_token_write_does_not(moderator, partner_a, site_a):
    change_id = file_rename(partner_a, site_a)
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(moderator)
    refused = session.post(f"{CHANGES}{change_id}/approve/")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert ChangeRequest.objects.get(pk=change_id).status == "pending"
