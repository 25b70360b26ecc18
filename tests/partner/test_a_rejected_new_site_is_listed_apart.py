"""A rejected new site is not among those awaiting approval: it is listed apart, with the
moderator's reason."""

import re

from django.urls import reverse

from geoplan.moderation.workflow import reject
from geoplan.partner.display import plain

from .posts import SITE_NEW, new_site_post

REASON = "Esiste già: aggiungi il servizio al luogo registrato."


def _section(page: str, heading_id: str) -> str:
    match = re.search(rf'<section aria-labelledby="{heading_id}">(.*?)</section>', page, re.S)
    return match[1] if match else ""


def test_a_rejected_new_site_is_shown_apart_from_those_waiting(client_a, partner_a, moderator):
    client_a.post(SITE_NEW, new_site_post())
    rejected = partner_a.change_requests.get()
    reject(rejected.pk, moderator, REASON)
    client_a.post(
        SITE_NEW,
        new_site_post(**{"site-name": "Punto cibo Lingotto", "site-address": "Via Nizza 230"}),
    )

    page = client_a.get(reverse("partner:index")).content.decode()

    waiting = _section(page, "new-sites-title")
    assert "Punto cibo Lingotto" in waiting
    assert "Punto cibo Nizza" not in waiting and REASON not in waiting
    apart = _section(page, "rejected-sites-title")
    assert "Punto cibo Nizza" in apart and REASON in apart


def test_no_closures_is_said_with_its_own_words():
    # Not a shared "none": each field's empty value is said in words that agree with it.
    assert plain("closures", []) == ["no closures"]
    assert plain("hours", []) == ["no weekly hours"]


def test_the_upload_page_is_one_of_the_portals(client_a):
    page = client_a.get(reverse("partner:upload")).content.decode()
    assert 'class="partner-nav"' in page
    assert f'href="{reverse("partner:upload")}" aria-current="page"' in page
    # A message (here: nothing kept to send) is shown once, by the portal's page.
    page = client_a.get(reverse("partner:upload_submit"), follow=True).content.decode()
    assert page.count("Nothing is waiting to be sent") == 1
