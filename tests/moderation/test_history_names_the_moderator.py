"""A record's history shows each version: who approved it and through which change request."""

import re

from django.urls import reverse

from geoplan.moderation.workflow import approve, propose
from tests.conftest import new_site_proposal


def test_the_history_shows_the_moderator_and_links_the_request(
    client, partner_a, site_of_a, moderator, planner
):
    old_name = site_of_a.name
    change = approve(propose(partner_a, {"site": {"name": "Renamed"}}, site_of_a).pk, moderator)
    client.force_login(planner)  # staff, not a moderator: may read the history

    response = client.get(reverse("moderation:history", args=["site", site_of_a.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    newest = re.search(r"<tbody>\s*<tr>(.*?)</tr>", page, re.S)[1]
    assert moderator.email in newest
    assert "changed" in newest
    assert f'href="{reverse("moderation:change", args=[change.pk])}"' in newest
    assert old_name in newest and "Renamed" in newest


def test_a_new_sites_history_links_its_service(client, partner_a, moderator):
    change = approve(propose(partner_a, new_site_proposal()).pk, moderator)
    service = change.site.services.get()
    client.force_login(moderator)

    site_page = client.get(reverse("moderation:history", args=["site", change.site_id]))
    service_page = client.get(reverse("moderation:history", args=["service", service.pk]))

    assert "created" in site_page.content.decode()
    assert reverse("moderation:history", args=["service", service.pk]) in site_page.content.decode()
    text = service_page.content.decode()
    assert "Monday 09:00–13:00" in text
    assert f"#{change.pk}" in text


def test_the_history_is_for_staff_only(client, partner_a, site_of_a):
    client.force_login(partner_a)
    response = client.get(reverse("moderation:history", args=["site", site_of_a.pk]))
    assert response.status_code == 403


def test_an_unknown_kind_of_record_is_not_found(client, moderator):
    client.force_login(moderator)
    assert client.get("/moderation/history/user/1/").status_code == 404
