"""The queue lists pending requests, the longest-waiting first, with their age and organisation."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose, withdraw
from tests.conftest import new_site_proposal


def test_it_lists_pending_requests_oldest_first(client, partner_a, partner_b, org_b, moderator):
    propose(partner_a, new_site_proposal(name="Newer request"))
    older = propose(
        partner_b,
        new_site_proposal(
            name="Older request", address="Via Nizza 102, Torino", organization=org_b.pk
        ),
    )
    ChangeRequest.objects.filter(pk=older.pk).update(
        submitted_at=timezone.now() - timedelta(days=3, hours=2)
    )
    withdrawn = propose(partner_a, new_site_proposal(name="Withdrawn", address="Via Nizza 104"))
    withdraw(withdrawn, partner_a)
    client.force_login(moderator)

    page = client.get(reverse("moderation:queue")).content.decode().replace("\xa0", " ")

    assert page.index("Older request") < page.index("Newer request")
    assert "Withdrawn" not in page
    assert "3 days" in page
    assert org_b.name in page


def test_it_filters_by_organisation(client, partner_a, partner_b, org_a, org_b, moderator):
    propose(partner_a, new_site_proposal(name="From A"))
    propose(
        partner_b,
        new_site_proposal(name="From B", address="Via Nizza 102, Torino", organization=org_b.pk),
    )
    client.force_login(moderator)

    page = client.get(reverse("moderation:queue"), {"organization": org_a.pk}).content.decode()

    assert "From A" in page
    assert "From B" not in page
