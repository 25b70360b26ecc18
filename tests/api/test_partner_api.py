"""The partner API: an organisation's own sites, and proposals filed as change requests."""

import pytest
from rest_framework.test import APIClient

from geoplan.moderation.models import ChangeRequest
from geoplan.registry.models import Service, Site, Status

from .test_partner_api_personas import *  # noqa: F403
from .test_partner_api_personas import (
    NEW_SITE_ADDRESS,
    NEW_SITE_LAT,
    NEW_SITE_LON,
    client_for,
    new_site_feature,
)

SITES = "/api/partner/sites/"
CHANGES = "/api/partner/changes/"


def post_site(user, feature):
    return client_for(user).post(SITES, feature, format="json")


# ---------------------------------------------------------------------------------------------
# Who may use it
# ---------------------------------------------------------------------------------------------
def test_an_anonymous_visitor_is_asked_to_authenticate(db):
    response = APIClient().get(SITES)
    assert response.status_code == 401
    assert response.json()["detail"] == "Authentication credentials were not provided."


def test_an_account_without_an_organisation_is_refused_with_a_sentence(outsider):
    response = client_for(outsider).get(SITES)
    assert response.status_code == 403
    assert response.json()["detail"].startswith(
        "Only members of a partner organisation can use the partner API"
    )


# ---------------------------------------------------------------------------------------------
# Reading one's sites
# ---------------------------------------------------------------------------------------------
def test_a_partner_lists_its_organisations_sites_only_as_geojson(partner_a, site_a, site_b):
    body = client_for(partner_a).get(SITES).json()
    assert body["type"] == "FeatureCollection"
    assert [f["id"] for f in body["features"]] == [site_a.pk]
    feature = body["features"][0]
    assert feature["geometry"]["type"] == "Point"
    assert feature["properties"]["name"] == "Emporio Alfa"
    assert feature["properties"]["organization"] == site_a.organization_id


def test_a_partners_service_has_its_details_hours_and_closures(partner_a, site_a):
    feature = client_for(partner_a).get(f"{SITES}{site_a.pk}/").json()
    (service,) = feature["properties"]["services"]
    assert service["category"] == "food_distribution"
    assert service["status"] == "published"
    assert service["hours"] == [
        {
            "weekday": 1,
            "opens_at": "09:00",
            "closes_at": "12:00",
            "valid_from": None,
            "valid_to": None,
        }
    ]
    assert service["closures"] == []
    expected = {
        "id", "category", "name", "status", "capacity", "capacity_unit", "target_groups",
        "target_groups_note", "languages", "step_free_access", "eligibility", "phone", "email",
        "website", "hours", "closures", "closed_on_public_holidays", "opening_hours",
        "last_verified",
    }  # fmt: skip
    assert expected <= service.keys()


def test_a_partner_sees_services_that_are_not_public(partner_a, site_a):
    Service.objects.filter(site=site_a).update(status=Status.ARCHIVED)
    feature = client_for(partner_a).get(f"{SITES}{site_a.pk}/").json()
    assert [s["status"] for s in feature["properties"]["services"]] == ["archived"]


def test_a_site_counts_its_requests_waiting_for_review(partner_a, site_a):
    client = client_for(partner_a)
    feature = {"type": "Feature", "properties": {"name": "Emporio Alfa solidale"}}
    assert client.patch(f"{SITES}{site_a.pk}/", feature, format="json").status_code == 202
    listed = client.get(SITES).json()["features"][0]
    assert listed["properties"]["pending_changes"] == 1


def test_another_organisations_site_does_not_exist_for_a_partner(partner_a, site_b):
    response = client_for(partner_a).get(f"{SITES}{site_b.pk}/")
    assert response.status_code == 404
    assert response.json()["detail"] == "None of your organisations has a site with this id."


# ---------------------------------------------------------------------------------------------
# Proposing a new site
# ---------------------------------------------------------------------------------------------
def test_a_new_site_is_filed_for_review_and_nothing_is_published(partner_a, org_a):
    sites_before = Site.objects.count()
    response = post_site(partner_a, new_site_feature())
    assert response.status_code == 202
    body = response.json()
    change = ChangeRequest.objects.get(pk=body["id"])
    assert body["status"] == "pending"
    assert body["url"] == f"http://testserver/api/partner/changes/{change.pk}/"
    assert response["Location"] == body["url"]
    assert change.creates_site and change.organization == org_a
    assert change.source == ChangeRequest.Source.API and change.submitted_by == partner_a
    assert change.payload["site"]["location"] == {"lon": NEW_SITE_LON, "lat": NEW_SITE_LAT}
    assert change.payload["site"]["address"] == NEW_SITE_ADDRESS
    assert Site.objects.count() == sites_before


def test_a_partner_of_two_organisations_says_which_runs_the_new_site(partner_a, org_b):
    from geoplan.accounts.models import Membership

    Membership.objects.create(user=partner_a, organization=org_b)
    response = post_site(partner_a, new_site_feature())
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "properties.organization": ["Say which of your organisations runs this site."]
    }
    chosen = post_site(partner_a, new_site_feature(organization=org_b.pk))
    assert chosen.status_code == 202
    assert ChangeRequest.objects.get(pk=chosen.json()["id"]).organization == org_b


def test_a_token_write_needs_no_csrf_token_but_a_session_write_does(partner_a):
    session = APIClient(enforce_csrf_checks=True)
    session.force_login(partner_a)
    refused = session.post(SITES, new_site_feature(), format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    assert ChangeRequest.objects.count() == 0
    assert post_site(partner_a, new_site_feature()).status_code == 202


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (
            {"geometry": {"type": "Point", "coordinates": [7.5, 45.2]}},
            "geometry",
            "The point (7.50000, 45.20000) is outside the City of Turin. "
            "geoplan only registers sites inside the municipal boundary.",
        ),
        (
            {"geometry": {"type": "Polygon", "coordinates": [[[7.6, 45.0], [7.7, 45.0]]]}},
            "geometry",
            "A site is a Point, not a Polygon.",
        ),
        (
            {"hours": [{"weekday": 1, "opens_at": "25:00", "closes_at": "13:00"}]},
            "properties.services.0.hours.0.opens_at",
            "“25:00” is not a time (HH:MM).",
        ),
        (
            {"category": "soup_for_unicorns"},
            "properties.services.0.category",
            "Unknown category “soup_for_unicorns”: use one of",
        ),
    ],
    ids=["outside-turin", "not-a-point", "hours-25-00", "unknown-category"],
)
def test_a_refused_proposal_says_where_and_why_and_stores_nothing(partner_a, change, path, message):
    feature = new_site_feature()
    if "geometry" in change:
        feature["geometry"] = change["geometry"]
    else:
        feature["properties"]["services"][0].update(change)
    response = post_site(partner_a, feature)
    assert response.status_code == 400
    body = response.json()
    assert list(body["errors"]) == [path]
    assert body["errors"][path][0].startswith(message)
    assert body["detail"] == body["errors"][path][0]
    assert ChangeRequest.objects.count() == 0


def test_a_site_for_another_organisation_is_refused_and_nothing_stored(partner_a, org_b):
    response = post_site(partner_a, new_site_feature(organization=org_b.pk))
    assert response.status_code == 400
    assert response.json()["detail"] == "You can only propose sites for your own organisations."
    assert ChangeRequest.objects.count() == 0


def test_an_address_already_registered_is_refused(partner_a, site_b):
    response = post_site(partner_a, new_site_feature(address=site_b.address))
    assert response.status_code == 400
    assert "is already the address of the registered site" in response.json()["detail"]


def test_a_feature_without_geometry_is_refused(partner_a):
    feature = new_site_feature()
    del feature["geometry"]
    response = post_site(partner_a, feature)
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["geometry"]


def test_something_that_is_not_a_feature_is_refused(partner_a):
    response = post_site(partner_a, {"type": "FeatureCollection", "features": []})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["type", "geometry", "properties"]


# ---------------------------------------------------------------------------------------------
# Proposing changes to a site
# ---------------------------------------------------------------------------------------------
def test_a_changed_name_is_filed_with_the_value_it_replaces(partner_a, site_a):
    feature = {"type": "Feature", "properties": {"name": "Emporio Alfa solidale"}}
    response = client_for(partner_a).patch(f"{SITES}{site_a.pk}/", feature, format="json")
    assert response.status_code == 202
    change = ChangeRequest.objects.get(pk=response.json()["id"])
    assert change.site == site_a and not change.creates_site
    assert change.payload == {"site": {"name": "Emporio Alfa solidale"}}
    assert change.base == {"site": {"name": "Emporio Alfa"}}
    site_a.refresh_from_db()
    assert site_a.name == "Emporio Alfa"


def test_a_moved_site_is_filed_from_its_geometry(partner_a, site_a):
    feature = {"geometry": {"type": "Point", "coordinates": [7.6805, 45.0492]}}
    response = client_for(partner_a).patch(f"{SITES}{site_a.pk}/", feature, format="json")
    assert response.status_code == 202
    change = ChangeRequest.objects.get(pk=response.json()["id"])
    assert change.payload == {"site": {"location": {"lon": 7.6805, "lat": 45.0492}}}


def test_a_service_changed_and_a_service_added_are_filed_together(partner_a, site_a):
    service = site_a.services.get()
    feature = {
        "type": "Feature",
        "properties": {
            "services": [
                {"id": service.pk, "capacity": 80, "capacity_unit": "parcels"},
                {"category": "social_desk", "name": "Sportello del sabato"},
            ]
        },
    }
    response = client_for(partner_a).patch(f"{SITES}{site_a.pk}/", feature, format="json")
    assert response.status_code == 202
    payload = ChangeRequest.objects.get(pk=response.json()["id"]).payload
    assert payload["services"][0] == {"id": service.pk, "capacity": 80, "capacity_unit": "parcels"}
    assert payload["services"][1]["id"] is None
    assert payload["services"][1]["name"] == "Sportello del sabato"


def test_a_feature_read_changed_and_sent_back_files_only_the_change(partner_a, site_a):
    client = client_for(partner_a)
    feature = client.get(f"{SITES}{site_a.pk}/").json()
    feature["properties"]["services"][0]["hours"][0]["closes_at"] = "13:30"
    response = client.patch(f"{SITES}{site_a.pk}/", feature, format="json")
    assert response.status_code == 202, response.json()
    payload = ChangeRequest.objects.get(pk=response.json()["id"]).payload
    service_id = site_a.services.get().pk
    assert payload == {
        "services": [
            {
                "id": service_id,
                "hours": [
                    {
                        "weekday": 1,
                        "opens_at": "09:00",
                        "closes_at": "13:30",
                        "valid_from": None,
                        "valid_to": None,
                    }
                ],
            }
        ]
    }


def test_a_change_that_changes_nothing_is_refused(partner_a, site_a):
    feature = {"type": "Feature", "properties": {"name": site_a.name}}
    response = client_for(partner_a).patch(f"{SITES}{site_a.pk}/", feature, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Nothing would change: the values given are the current ones."
    )


def test_a_change_to_another_organisations_site_is_not_found_and_nothing_stored(partner_a, site_b):
    feature = {"type": "Feature", "properties": {"name": "Taken over"}}
    response = client_for(partner_a).patch(f"{SITES}{site_b.pk}/", feature, format="json")
    assert response.status_code == 404
    assert ChangeRequest.objects.count() == 0


def test_a_service_of_another_site_cannot_be_changed_through_ones_own(partner_a, site_a, site_b):
    other = site_b.services.get()
    feature = {"properties": {"services": [{"id": other.pk, "name": "Ours now"}]}}
    response = client_for(partner_a).patch(f"{SITES}{site_a.pk}/", feature, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "properties.services.0.id": [f"There is no service {other.pk} at this site."]
    }


# ---------------------------------------------------------------------------------------------
# Following one's requests
# ---------------------------------------------------------------------------------------------
def test_a_partner_lists_its_organisations_requests_only(partner_a, partner_b, site_a, site_b):
    rename = {"type": "Feature", "properties": {"name": "Renamed"}}
    client_for(partner_a).patch(f"{SITES}{site_a.pk}/", rename, format="json")
    client_for(partner_b).patch(f"{SITES}{site_b.pk}/", rename, format="json")
    body = client_for(partner_a).get(CHANGES).json()
    assert [c["site"] for c in body] == [site_a.pk]
    (change,) = body
    assert change["status"] == "pending" and change["summary"] == "Emporio Alfa: site details"
    assert change["payload"] == {"site": {"name": "Renamed"}}
    assert {"created_at", "submitted_at", "decided_at", "reason"} <= change.keys()


def test_a_partner_filters_its_requests_by_status(partner_a, site_a):
    rename = {"type": "Feature", "properties": {"name": "Renamed"}}
    client = client_for(partner_a)
    client.patch(f"{SITES}{site_a.pk}/", rename, format="json")
    assert client.get(CHANGES, {"status": "rejected"}).json() == []
    assert len(client.get(CHANGES, {"status": "pending"}).json()) == 1
    refused = client.get(CHANGES, {"status": "lost"})
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("Unknown status “lost”")


def test_another_organisations_request_does_not_exist_for_a_partner(partner_a, partner_b):
    filed = post_site(partner_a, new_site_feature()).json()
    response = client_for(partner_b).get(f"{CHANGES}{filed['id']}/")
    assert response.status_code == 404
    assert response.json()["detail"] == (
        "None of your organisations has a change request with this id."
    )


def test_the_partner_api_answers_without_a_trailing_slash_too(partner_a, site_a):
    client = client_for(partner_a)
    assert client.get("/api/partner/sites").status_code == 200
    assert client.get(f"/api/partner/sites/{site_a.pk}").status_code == 200
