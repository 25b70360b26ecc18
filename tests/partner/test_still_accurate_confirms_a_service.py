""" "Still accurate" confirms a running service in one click, without moderation: the date is
set and the service's history says who confirmed it and why."""

from django.urls import reverse
from django.utils import timezone

from geoplan.moderation.models import ChangeRequest
from geoplan.registry.models import Status


def test_it_sets_the_date_and_writes_history(client_a, partner_a, service_of_a):
    assert service_of_a.status == Status.PUBLISHED
    url = reverse("partner:service_verify", args=[service_of_a.pk])
    response = client_a.post(url, {"next": reverse("partner:index")}, follow=True)

    service_of_a.refresh_from_db()
    today = timezone.localdate()
    assert service_of_a.last_verified == today
    latest = service_of_a.history.latest("history_date")
    assert latest.history_user == partner_a
    assert latest.history_change_reason == "confirmed still accurate"
    assert latest.last_verified == today
    assert not ChangeRequest.objects.exists()
    assert "Thank you: confirmed on" in response.content.decode()


def test_it_is_a_post_only(client_a, service_of_a):
    url = reverse("partner:service_verify", args=[service_of_a.pk])
    assert client_a.get(url).status_code == 405


def test_a_stopped_service_is_not_confirmed(client_a, service_of_a):
    service_of_a.status = Status.ARCHIVED
    service_of_a.save()
    client_a.post(reverse("partner:service_verify", args=[service_of_a.pk]))
    service_of_a.refresh_from_db()
    assert service_of_a.last_verified is None


def test_it_goes_back_only_to_this_site(client_a, service_of_a):
    url = reverse("partner:service_verify", args=[service_of_a.pk])
    response = client_a.post(url, {"next": "https://evil.example.com/"})
    assert response["Location"] == reverse("partner:index")
