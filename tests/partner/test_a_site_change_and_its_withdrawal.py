"""Changing a site's details files an update request with only what changed; the partner can
withdraw it while it waits."""

from django.urls import reverse

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.proposal import snapshot_site


def _site_post(site, **fields):
    now = snapshot_site(site)
    data = {
        "action": "submit",
        "site-name": now["name"],
        "site-address": now["address"],
        "site-lon": str(now["location"]["lon"]),
        "site-lat": str(now["location"]["lat"]),
    }
    data.update(fields)
    return data


def test_a_new_name_only(client_a, site_of_a):
    url = reverse("partner:site_edit", args=[site_of_a.pk])
    client_a.post(url, _site_post(site_of_a, **{"site-name": "Barrito – Casa del Quartiere"}))
    change = ChangeRequest.objects.get()
    assert change.payload == {"site": {"name": "Barrito – Casa del Quartiere"}}
    assert change.status == ChangeRequest.Status.PENDING


def test_nothing_changed_is_said(client_a, site_of_a):
    response = client_a.post(
        reverse("partner:site_edit", args=[site_of_a.pk]), _site_post(site_of_a)
    )
    assert response.status_code == 400
    assert "Nothing would change" in response.content.decode()


def test_withdrawing_a_pending_request(client_a, site_of_a):
    url = reverse("partner:site_edit", args=[site_of_a.pk])
    client_a.post(url, _site_post(site_of_a, **{"site-name": "Barrito"}))
    change = ChangeRequest.objects.get()
    response = client_a.post(reverse("partner:change_withdraw", args=[change.pk]), follow=True)
    change.refresh_from_db()
    assert change.status == ChangeRequest.Status.WITHDRAWN
    assert "withdrawn" in response.content.decode()
    assert client_a.get(reverse("partner:change_withdraw", args=[change.pk])).status_code == 405


def test_a_moved_pin_says_how_far(client_a, site_of_a):
    url = reverse("partner:site_edit", args=[site_of_a.pk])
    lon = snapshot_site(site_of_a)["location"]["lon"]
    client_a.post(url, _site_post(site_of_a, **{"site-lon": str(round(lon + 0.001, 7))}))
    change = ChangeRequest.objects.get()
    assert set(change.payload["site"]) == {"location"}
    page = client_a.get(reverse("partner:change", args=[change.pk])).content.decode()
    assert "(moved 79 m)" in page
