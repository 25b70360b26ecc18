"""Only published services reach a site's public page: a site with none, or an unknown one,
is not found, and a published site never shows its other services."""

import pytest
from django.urls import reverse

from geoplan.registry.models import LocationPrecision, Site, Status

from .site_records import add_service, make_site

pytestmark = pytest.mark.django_db

NOT_PUBLIC = [Status.DRAFT, Status.PENDING, Status.PLANNED, Status.UNVERIFIED, Status.ARCHIVED]


@pytest.mark.parametrize("status", NOT_PUBLIC)
def test_a_site_without_a_published_service_is_not_found(client, status):
    site = make_site()
    add_service(site, status=status)
    assert client.get(reverse("public:site", args=[site.pk])).status_code == 404
    assert client.get(reverse("public:report", args=[site.pk])).status_code == 404


def test_a_site_whose_services_are_all_unpublished_is_not_found(client):
    site = make_site()
    for n, status in enumerate(NOT_PUBLIC):
        add_service(site, f"Servizio {n}", status=status)
    assert client.get(reverse("public:site", args=[site.pk])).status_code == 404


def test_an_unknown_site_is_not_found(client):
    unknown = (Site.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1000
    assert client.get(reverse("public:site", args=[unknown])).status_code == 404
    assert client.get(f"/sites/{unknown}/report/").status_code == 404


def test_a_site_without_a_location_is_not_found(client):
    site = make_site()
    add_service(site)
    Site.objects.filter(pk=site.pk).update(geom=None, location_precision=LocationPrecision.NONE)
    assert client.get(reverse("public:site", args=[site.pk])).status_code == 404


def test_only_the_published_services_of_a_site_are_shown(client):
    site = make_site()
    add_service(site, "Servizio pubblicato")
    add_service(site, "Servizio in bozza", status=Status.DRAFT)
    add_service(site, "Servizio in attesa", status=Status.PENDING)
    add_service(site, "Servizio previsto", status=Status.PLANNED)
    html = client.get(reverse("public:site", args=[site.pk])).content.decode()
    assert "Servizio pubblicato" in html
    for hidden in ("Servizio in bozza", "Servizio in attesa", "Servizio previsto"):
        assert hidden not in html
    # One service: the report form does not ask which.
    assert 'name="service"' not in html


def test_a_shipped_public_site_has_its_page(client):
    """Every located site of the Turin data with a published service answers."""
    from geoplan.registry.models import Service

    ids = set(Service.objects.published().values_list("site_id", flat=True))
    assert ids
    for pk in sorted(ids):
        assert client.get(reverse("public:site", args=[pk])).status_code == 200, pk
