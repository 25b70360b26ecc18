"""download=1 answers the same bands as a .geojson file to save, named with the place and date."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from geoplan.registry.models import Service

pytestmark = pytest.mark.django_db


def test_the_download_is_a_geojson_attachment(client):
    query = {"lon": "7.6835", "lat": "45.0560", "minutes": "5,10"}
    shown = client.get(reverse("api:isochrones"), query).json()
    response = client.get(reverse("api:isochrones"), {**query, "download": "1"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    day = timezone.localdate().isoformat()
    name = re.search(r'filename="([^"]+)"', disposition).group(1)
    assert name == f"isochrones-7.68350_45.05600-standard-{day}.geojson"
    assert json.loads(response.content) == shown


def test_a_site_download_is_named_for_the_site(client):
    site_id = Service.objects.published().first().site_id
    response = client.get(
        reverse("api:isochrones"), {"site": site_id, "profile": "slow", "download": "true"}
    )
    assert response.status_code == 200
    assert f'filename="isochrones-site-{site_id}-slow-' in response["Content-Disposition"]
