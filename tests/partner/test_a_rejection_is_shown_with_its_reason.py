"""A rejected request is shown on the home page with the moderator's reason, until a newer
request for the same site is filed."""

from django.urls import reverse

from geoplan.moderation.workflow import propose, reject

REASON = "Il nome deve restare quello ufficiale."


def test_the_reason_stays_until_a_newer_request(client_a, partner_a, moderator, site_of_a):
    change = propose(partner_a, {"site": {"name": "Barrito!"}}, site_of_a)
    reject(change.pk, moderator, REASON)
    index = reverse("partner:index")
    assert REASON in client_a.get(index).content.decode()
    assert REASON in client_a.get(reverse("partner:change", args=[change.pk])).content.decode()

    propose(partner_a, {"site": {"name": "Barrito, Casa del Quartiere"}}, site_of_a)
    assert REASON not in client_a.get(index).content.decode()


def test_a_rejected_new_site_is_shown_until_filed_again(client_a, partner_a, moderator):
    from .posts import SITE_NEW, new_site_post

    client_a.post(SITE_NEW, new_site_post())
    change = partner_a.change_requests.get()
    reject(change.pk, moderator, REASON)
    index = reverse("partner:index")
    assert REASON in client_a.get(index).content.decode()
    client_a.post(SITE_NEW, new_site_post(**{"site-address": "Via Nizza 102, Torino"}))
    assert REASON not in client_a.get(index).content.decode()
