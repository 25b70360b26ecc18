"""A proposal outside Turin, with invalid hours, an unknown category or for another
organisation is refused with a sentence, and no record or request is created."""

import pytest
from django.core.exceptions import PermissionDenied

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.proposal import ProposalError
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Site
from tests.conftest import new_site_proposal


def _refused(partner, raw, site=None, error=ProposalError):
    requests, sites = ChangeRequest.objects.count(), Site.objects.count()
    with pytest.raises(error) as caught:
        propose(partner, raw, site)
    assert ChangeRequest.objects.count() == requests
    assert Site.objects.count() == sites
    return caught.value


def test_it_refuses_a_point_outside_turin(partner_a):
    raw = new_site_proposal(location={"lon": 7.75, "lat": 45.12})  # Settimo Torinese
    error = _refused(partner_a, raw)
    assert "outside the City of Turin" in error.errors["site.location"][0]


def test_it_refuses_invalid_hours(partner_a):
    raw = new_site_proposal()
    raw["services"][0]["hours"][0]["opens_at"] = "25:00"
    error = _refused(partner_a, raw)
    assert error.errors["services.0.hours.0.opens_at"] == ["“25:00” is not a time (HH:MM)."]


def test_it_refuses_overlapping_ranges(partner_a):
    raw = new_site_proposal()
    raw["services"][0]["hours"].append(
        {
            "weekday": 1,
            "opens_at": "12:00",
            "closes_at": "15:00",
            "valid_from": None,
            "valid_to": None,
        }
    )
    error = _refused(partner_a, raw)
    assert "overlap" in error.errors["services.0.hours"][0]


def test_it_refuses_an_unknown_category(partner_a):
    raw = new_site_proposal()
    raw["services"][0]["category"] = "soup_kitchen"
    error = _refused(partner_a, raw)
    assert error.errors["services.0.category"][0].startswith("Unknown category “soup_kitchen”")


def test_it_refuses_a_site_for_another_organisation(partner_a, org_b):
    error = _refused(partner_a, new_site_proposal(organization=org_b.pk))
    assert error.errors["site.organization"] == [
        "You can only propose sites for your own organisations."
    ]


def test_it_refuses_a_change_to_another_organisations_site(partner_a, org_b):
    site = Site.objects.located().first()
    site.organization = org_b
    site.save()
    _refused(partner_a, {"site": {"name": "Taken over"}}, site, error=PermissionDenied)


def test_it_refuses_a_change_that_changes_nothing(partner_a, org_a):
    site = Site.objects.located().first()
    site.organization = org_a
    site.save()
    error = _refused(partner_a, {"site": {"name": site.name}}, site)
    assert "Nothing would change" in error.errors[""][0]


def test_it_refuses_a_new_site_without_a_service(partner_a):
    raw = new_site_proposal()
    raw["services"] = []
    error = _refused(partner_a, raw)
    assert "services" in error.errors


def test_an_address_of_the_partners_own_site_says_to_add_the_service_there(partner_a, org_a):
    site = Site.objects.located().first()
    Site.objects.filter(pk=site.pk).update(organization=org_a)
    error = _refused(partner_a, new_site_proposal(address=site.address))
    assert f"is already the address of your site “{site.name}”" in error.errors["site.address"][0]


def test_a_range_without_its_closing_time_names_the_day(partner_a):
    raw = new_site_proposal()
    raw["services"][0]["hours"][0]["closes_at"] = ""
    error = _refused(partner_a, raw)
    assert error.errors["services.0.hours.0"] == [
        "Monday: give both the opening and the closing time of each range."
    ]
