"""A field changed by someone else since filing is shown, and approval waits for the moderator
to approve over it."""

import re

from django.urls import reverse

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose


def test_a_conflicting_edit_is_shown_and_must_be_overridden(
    client, partner_a, site_of_a, moderator
):
    change = propose(partner_a, {"site": {"name": "Name proposed"}}, site_of_a)
    site_of_a.name = "Name changed by staff meanwhile"
    site_of_a.save()
    client.force_login(moderator)

    queue = client.get(reverse("moderation:queue")).content.decode()
    assert "changed since filing" in queue
    page = client.get(reverse("moderation:change", args=[change.pk])).content.decode()
    row = re.search(r'<tr class="conflict">.*?</tr>', page, re.S)[0]
    assert "Name changed by staff meanwhile" in row
    assert "Name proposed" in row

    refused = client.post(reverse("moderation:approve", args=[change.pk]))

    assert refused.status_code == 409
    assert 'name="override_conflicts"' in refused.content.decode()
    site_of_a.refresh_from_db()
    assert site_of_a.name == "Name changed by staff meanwhile"
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING

    approved = client.post(
        reverse("moderation:approve", args=[change.pk]), {"override_conflicts": "1"}
    )

    assert approved.status_code == 302
    site_of_a.refresh_from_db()
    assert site_of_a.name == "Name proposed"
    change.refresh_from_db()
    assert change.overrode_conflicts[0]["path"] == "site.name"
