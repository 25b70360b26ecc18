"""A request's page says how long ago it was submitted: "just now" under a minute."""

from datetime import timedelta

from django.urls import reverse

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from tests.conftest import new_site_proposal


def test_it_says_just_now_then_the_time_waited(client, partner_a, moderator):
    change = propose(partner_a, new_site_proposal())
    client.force_login(moderator)
    url = reverse("moderation:change", args=[change.pk])
    assert "(just now)" in client.get(url).content.decode()
    ChangeRequest.objects.filter(pk=change.pk).update(
        submitted_at=change.submitted_at - timedelta(days=3)
    )
    # timesince() joins the number and the unit with a no-break space.
    assert "(3\xa0days ago)" in client.get(url).content.decode()
