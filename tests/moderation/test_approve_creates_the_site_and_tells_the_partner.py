"""Approving from the review page creates the site and e-mails the partner who filed it."""

from django.core import mail
from django.urls import reverse

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Site
from tests.conftest import new_site_proposal


def test_approval_creates_the_site_and_emails_the_partner(
    client, partner_a, moderator, django_capture_on_commit_callbacks
):
    change = propose(partner_a, new_site_proposal())
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("moderation:approve", args=[change.pk]))

    assert response.status_code == 302
    assert response.url == reverse("moderation:queue")
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.APPROVED
    assert change.decided_by == moderator
    site = Site.objects.get(pk=change.site_id)
    assert site.name == "Punto cibo di prova"
    assert [m.to for m in mail.outbox] == [[partner_a.email]]
    assert "approved" in mail.outbox[0].subject
    queue = client.get(response.url).content.decode()
    assert f"Request #{change.pk} approved" in queue


def test_approve_is_a_post(client, partner_a, moderator):
    change = propose(partner_a, new_site_proposal())
    client.force_login(moderator)
    assert client.get(reverse("moderation:approve", args=[change.pk])).status_code == 405
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.PENDING
