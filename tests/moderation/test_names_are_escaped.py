"""A name with markup is shown as text on the queue and on the review page."""

from django.urls import reverse

from geoplan.moderation.workflow import propose
from tests.conftest import new_site_proposal

NAME = '<script>alert("x")</script> Punto'


def test_a_script_in_a_site_name_is_escaped(client, partner_a, moderator):
    change = propose(partner_a, new_site_proposal(name=NAME))
    client.force_login(moderator)

    for url in (reverse("moderation:queue"), reverse("moderation:change", args=[change.pk])):
        page = client.get(url).content.decode()
        assert '<script>alert("x")' not in page, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Punto" in page, url
