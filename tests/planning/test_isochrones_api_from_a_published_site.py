"""?site= walks from a published site's location; a site unknown, or with no published service,
is a 404 that names nothing about it."""

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from geoplan.registry.models import Service, ServiceCategory, Site, Status

pytestmark = pytest.mark.django_db


def test_it_walks_from_the_site(client):
    site = Service.objects.published().select_related("site").first().site
    response = client.get(reverse("api:isochrones"), {"site": site.pk, "minutes": "10"})
    assert response.status_code == 200
    data = response.json()
    assert data["site"] == site.pk
    # Walked from the site's position to 6 decimals (about 10 cm), as any point is.
    assert data["points"] == [{"lon": round(site.geom.x, 6), "lat": round(site.geom.y, 6)}]
    by_point = client.get(
        reverse("api:isochrones"), {"lon": site.geom.x, "lat": site.geom.y, "minutes": "10"}
    ).json()
    assert data["features"] == by_point["features"]


def test_a_site_without_a_published_service_is_not_found(client):
    site = Site.objects.create(
        name="Sede in preparazione",
        address="Via del Servizio Futuro 5, Torino",
        geom=Point(7.6858, 45.0712, srid=4326),
        location_precision="building",
    )
    Service.objects.create(
        site=site,
        category=ServiceCategory.objects.first(),
        name="Servizio in bozza",
        status=Status.PLANNED,
    )
    response = client.get(reverse("api:isochrones"), {"site": site.pk})
    assert response.status_code == 404
    assert b"preparazione" not in response.content


def test_an_unknown_site_is_not_found(client):
    missing = (Site.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    assert client.get(reverse("api:isochrones"), {"site": missing}).status_code == 404
