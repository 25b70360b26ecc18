"""An anonymous visitor of the public map never sees a service that is not published: not in the
sites layer, not with a category filter, not among the services near a zone, nor in any other
answer of the API or page the map reads."""

import re

import pytest
from django.contrib.gis.geos import Point
from django.urls import reverse

from geoplan.api.urls import urlpatterns as api_urlpatterns
from geoplan.registry.models import Service, ServiceCategory, Site, Status
from geoplan.territory.models import Indicator

NOT_PUBLIC = (Status.DRAFT, Status.PENDING, Status.ARCHIVED, Status.PLANNED, Status.UNVERIFIED)
MARK = "Zzq-nascosto"


@pytest.fixture
def hidden(db):
    """A site of its own in Turin whose every service is unpublished (one per status and
    category), and a real site given one more unpublished service next to its published ones."""
    site = Site.objects.create(
        name=f"{MARK} sito",
        address="Via del Servizio Nascosto 3, Torino",
        geom=Point(7.6858, 45.0712, srid=4326),
        location_precision="building",
    )
    categories = list(ServiceCategory.objects.all())
    services = [
        Service.objects.create(
            site=site,
            category=category,
            name=f"{MARK} {status} {category.code}",
            status=status,
            phone="011 000 0000",
        )
        for status in NOT_PUBLIC
        for category in categories
    ]
    real = Service.objects.published().select_related("site", "category").first()
    services += [
        Service.objects.create(
            site=real.site, category=real.category, name=f"{MARK} {status} accanto", status=status
        )
        for status in NOT_PUBLIC
    ]
    assert site.zone is not None
    return site, services, categories


# Endpoints whose answer depends on the chosen category and walking speed, asked again with
# each choice.
PER_CHOICE = {
    "layers",
    "access-cells",
    "access-cells-h3",
    "access-zones",
    "access-zones-values",
    "access-worst",
    "access-need",
}


def route_url(route: str, site: Site) -> str:
    """/api/<route> with its parameters filled: a zone's code, an indicator's code, or the
    hidden site's id (so that a detail view of the site itself is asked for too)."""

    def value(match):
        converter = match.group(1) or "str"
        if converter == "int":
            return str(site.pk)
        if converter == "slug":
            return Indicator.objects.values_list("code", flat=True).first()
        return site.zone.code

    return "/api/" + re.sub(r"<(?:(\w+):)?(\w+)>", value, route)


def public_urls(site, categories):
    """Every URL of the API (whatever it is for: an anonymous GET must not list anything
    unpublished), the per-choice ones with every category and walking speed, and the pages."""
    choices = [f"?category={c.code}&profile={p}" for c in categories for p in ("standard", "slow")]
    urls = []
    for pattern in api_urlpatterns:
        url = route_url(str(pattern.pattern), site)
        urls.append(url)
        if pattern.name in PER_CHOICE:
            urls += [url + q for q in choices]
        if pattern.name == "sites":
            urls += [url + f"?category={c.code}" for c in categories]
            urls += [url + f"?status={s}" for s in NOT_PUBLIC]
        if pattern.name == "zone-detail":
            urls.append(url + "?profile=slow")
    return urls + [reverse("maps:plan"), reverse("maps:methods"), reverse("public:finder")]


def test_the_check_reaches_the_public_endpoints_of_the_map(hidden):
    site, _services, categories = hidden
    urls = public_urls(site, categories)
    for expected in (
        reverse("api:sites"),
        reverse("api:sites") + f"?category={categories[0].code}",
        reverse("api:zone-detail", args=[site.zone.code]),
        reverse("api:layers"),
        reverse("api:indicators"),
    ):
        assert expected in urls


def test_no_anonymous_answer_names_an_unpublished_service(client, hidden):
    site, services, categories = hidden
    hidden_ids = {s.pk for s in services}
    for url in public_urls(site, categories):
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        body = b"".join(response) if response.streaming else response.content
        assert MARK.encode() not in body, url
        if url.startswith(reverse("api:sites")) and response.status_code == 200:
            features = response.json()["features"]
            served = {s["id"] for f in features for s in f["properties"]["services"]}
            assert not served & hidden_ids, url
            assert site.pk not in {f["id"] for f in features}, url
            statuses = {s["status"] for f in features for s in f["properties"]["services"]}
            assert statuses <= {Status.PUBLISHED}, url


def test_an_anonymous_visitor_asking_for_a_status_gets_no_services(client, hidden):
    for status in NOT_PUBLIC:
        response = client.get(reverse("api:sites") + f"?status={status}")
        assert response.status_code in (400, 401, 403), status
        assert MARK not in response.content.decode()


def test_the_zone_panel_lists_published_neighbours_only(client, hidden):
    site, services, _categories = hidden
    nearby = client.get(reverse("api:zone-detail", args=[site.zone.code])).json()["sites_nearby"]
    assert nearby, "the zone has published services nearby, so the test can fail"
    names = {s["name"] for s in nearby}
    assert not names & {s.name for s in services}
    published = set(Service.objects.published().values_list("name", flat=True))
    assert names <= published
