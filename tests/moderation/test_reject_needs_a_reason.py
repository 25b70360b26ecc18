"""A rejection without a reason is refused and changes nothing; with one, the partner reads it."""

from django.core import mail
from django.urls import reverse

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from tests.conftest import new_site_proposal


def test_a_rejection_without_a_reason_is_refused(
    client, partner_a, moderator, django_capture_on_commit_callbacks
):
    change = propose(partner_a, new_site_proposal())
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("moderation:reject", args=[change.pk]), {"reason": "   "})

    assert response.status_code == 400
    assert "Say why the request is rejected" in response.content.decode()
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING
    assert change.decided_by is None
    assert mail.outbox == []


def test_a_rejection_with_a_reason_is_sent_to_the_partner(
    client, partner_a, moderator, django_capture_on_commit_callbacks
):
    change = propose(partner_a, new_site_proposal())
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("moderation:reject", args=[change.pk]),
            {"reason": "The address is a private flat."},
        )

    assert response.status_code == 302
    assert response.url == reverse("moderation:queue")
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.REJECTED
    assert "The address is a private flat." in mail.outbox[-1].body
