"""The review page shows each changed field as label | value when filed | proposed value."""

import re

from django.urls import reverse

from geoplan.moderation.workflow import propose


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_shows_an_edited_site_name_old_and_new(client, partner_a, site_of_a, moderator):
    old_name = site_of_a.name
    change = propose(partner_a, {"site": {"name": "Casa del quartiere (nuovo nome)"}}, site_of_a)
    client.force_login(moderator)

    response = client.get(reverse("moderation:change", args=[change.pk]))

    assert response.status_code == 200
    text = _text(response.content.decode())
    assert f"Name {old_name} Casa del quartiere (nuovo nome)" in text
    assert partner_a.email in text
    assert "illustrative" in text  # organisation A is an illustrative organisation
    assert reverse("moderation:history", args=["site", site_of_a.pk]) in response.content.decode()


def test_it_shows_each_changed_service_field_readably(client, partner_a, site_of_a, moderator):
    service = site_of_a.services.first()
    change = propose(
        partner_a,
        {
            "services": [
                {
                    "id": service.pk,
                    "languages": ["it", "ar"],
                    "step_free_access": True,
                    "closed_on_public_holidays": True,
                    "hours": [
                        {"weekday": 1, "opens_at": "09:00", "closes_at": "13:00"},
                        {"weekday": 3, "opens_at": "14:00", "closes_at": "18:00"},
                    ],
                }
            ]
        },
        site_of_a,
    )
    client.force_login(moderator)

    response = client.get(reverse("moderation:change", args=[change.pk]))

    text = _text(response.content.decode())
    assert "Languages (ISO 639-1) — Arabic, Italian" in text
    assert "Step-free access not known yes" in text
    assert "Closed on public holidays no yes" in text
    assert "Monday 09:00–13:00 Wednesday 14:00–18:00" in text
    assert reverse("moderation:history", args=["service", service.pk]) in response.content.decode()
