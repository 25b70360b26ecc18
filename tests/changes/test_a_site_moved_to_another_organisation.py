"""A request filed for a site that has since moved to another organisation can no longer be
approved, nor read or changed by the first organisation's partner."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from geoplan.moderation.workflow import ConflictError, approve, propose, withdraw
from geoplan.registry.models import Site


@pytest.fixture
def site_of_a(org_a):
    site = Site.objects.located().first()
    Site.objects.filter(pk=site.pk).update(organization=org_a)
    site.refresh_from_db()
    return site


def test_it_cannot_be_approved_even_over_conflicts(partner_a, moderator, site_of_a, org_b):
    change = propose(partner_a, {"site": {"name": "Renamed by A"}}, site_of_a)
    Site.objects.filter(pk=site_of_a.pk).update(organization=org_b)
    with pytest.raises(ConflictError) as caught:
        approve(change.pk, moderator, override_conflicts=True)
    assert [c.path for c in caught.value.conflicts if not c.can_override] == ["site.organization"]
    assert Site.objects.get(pk=site_of_a.pk).name != "Renamed by A"


def test_its_partner_no_longer_sees_or_changes_it(client, partner_a, site_of_a, org_b):
    change = propose(partner_a, {"site": {"name": "Renamed by A"}}, site_of_a)
    Site.objects.filter(pk=site_of_a.pk).update(organization=org_b)
    client.force_login(partner_a)
    assert client.get(reverse("partner:change_edit", args=[change.pk])).status_code == 404
    with pytest.raises(PermissionDenied):
        withdraw(change, partner_a)
