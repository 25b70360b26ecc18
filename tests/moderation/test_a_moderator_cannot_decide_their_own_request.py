"""A moderator who filed a request cannot decide it: another moderator must."""

from django.contrib.auth.models import Group
from django.urls import reverse

from geoplan.accounts.models import Membership
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from tests.conftest import new_site_proposal


def test_the_filer_cannot_approve_or_reject(client, moderator, other_moderator, org_a):
    # City staff who also work for a partner organisation: both roles.
    moderator.groups.add(Group.objects.get(name="partner"))
    Membership.objects.create(user=moderator, organization=org_a)
    change = propose(moderator, new_site_proposal())
    client.force_login(moderator)

    page = client.get(reverse("moderation:change", args=[change.pk])).content.decode()
    assert "another moderator decides it" in page
    assert reverse("moderation:approve", args=[change.pk]) not in page

    approve = client.post(reverse("moderation:approve", args=[change.pk]))
    reject = client.post(reverse("moderation:reject", args=[change.pk]), {"reason": "mine"})

    for response in (approve, reject):
        assert response.status_code == 403
        assert "another moderator decides it" in response.content.decode()
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING

    client.force_login(other_moderator)
    assert client.post(reverse("moderation:approve", args=[change.pk])).status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED
