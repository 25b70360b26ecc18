"""A new site whose address another site has taken since filing cannot be approved at all."""

from django.urls import reverse

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Site
from tests.conftest import new_site_proposal


def test_the_page_says_so_and_approval_stays_refused(client, partner_a, moderator):
    change = propose(partner_a, new_site_proposal())
    other = Site.objects.located().first()
    other.address = "Via Nizza 100, Torino"
    other.save()
    client.force_login(moderator)

    page = client.get(reverse("moderation:change", args=[change.pk])).content.decode()

    assert "cannot be approved over" in page
    assert 'name="override_conflicts"' not in page
    refused = client.post(
        reverse("moderation:approve", args=[change.pk]), {"override_conflicts": "1"}
    )
    assert refused.status_code == 409
    assert other.name in refused.content.decode()
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING
