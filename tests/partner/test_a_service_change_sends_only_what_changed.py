"""Changing a service files an update request holding only the fields that differ; sending the
form back unchanged says that nothing would change."""

from django.urls import reverse

from geoplan.moderation.models import ChangeRequest

from .posts import service_post


def test_only_the_changed_fields_are_filed(client_a, service_of_a):
    url = reverse("partner:service_edit", args=[service_of_a.pk])
    post = service_post(
        service_of_a,
        **{
            "service-0-name": "Casa del quartiere Barrito",
            "service-0-h0-3-opens": ["10:00"],
            "service-0-h0-3-closes": ["12:30"],
        },
    )
    response = client_a.post(url, post)
    change = ChangeRequest.objects.get()
    assert response.status_code == 302
    assert change.site == service_of_a.site and not change.creates_site
    [service] = change.payload["services"]
    assert set(service) == {"id", "name", "hours"}
    assert service["name"] == "Casa del quartiere Barrito"
    assert {
        "weekday": 3,
        "opens_at": "10:00",
        "closes_at": "12:30",
        "valid_from": None,
        "valid_to": None,
    } in service["hours"]
    assert change.base["services"][0]["name"] == service_of_a.name

    page = client_a.get(reverse("partner:change", args=[change.pk])).content.decode()
    assert service_of_a.name in page and "Casa del quartiere Barrito" in page
    assert "Wednesday 10:00–12:30" in page


def test_the_form_sent_back_unchanged_changes_nothing(client_a, service_of_a):
    url = reverse("partner:service_edit", args=[service_of_a.pk])
    response = client_a.post(url, service_post(service_of_a))
    assert response.status_code == 400
    assert "Nothing would change" in response.content.decode()
    assert not ChangeRequest.objects.exists()


def test_the_form_shows_the_current_values(client_a, service_of_a):
    page = client_a.get(reverse("partner:service_edit", args=[service_of_a.pk])).content.decode()
    assert (
        f'value="{service_of_a.name}"' in page or service_of_a.name.replace("'", "&#x27;") in page
    )


def test_a_new_service_at_a_site(client_a, site_of_a):
    post = {
        "action": "submit",
        "service-0-category": "social_desk",
        "service-0-name": "Sportello casa",
        "service-0-status": "published",
        "service-0-h0-2-opens": ["14:00"],
        "service-0-h0-2-closes": ["17:00"],
    }
    client_a.post(reverse("partner:service_new", args=[site_of_a.pk]), post)
    change = ChangeRequest.objects.get()
    assert change.site == site_of_a
    [service] = change.payload["services"]
    assert service["id"] is None and service["name"] == "Sportello casa"
    page = client_a.get(reverse("partner:index")).content.decode()
    assert "New service “Sportello casa”" in page


def test_codes_stored_in_another_order_are_not_a_change(client_a, service_of_a):
    from geoplan.registry.models import Service

    Service.objects.filter(pk=service_of_a.pk).update(
        target_groups=["homeless", "adults"], languages=["it", "en"]
    )
    service_of_a.refresh_from_db()
    url = reverse("partner:service_edit", args=[service_of_a.pk])
    response = client_a.post(url, service_post(service_of_a))
    assert "Nothing would change" in response.content.decode()

    client_a.post(url, service_post(service_of_a, **{"service-0-phone": "011 555 1234"}))
    [service] = ChangeRequest.objects.get().payload["services"]
    assert set(service) == {"id", "phone"}
