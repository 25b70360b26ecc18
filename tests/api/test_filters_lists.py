"""Filters of the other lists: zones (bbox, circoscrizione), indicators (kind, level, in_need),
accessibility results (bbox, circoscrizione), a partner's sites and requests, the moderation
queue (status, organization). A refused value names the parameter."""

from django.contrib.gis.geos import Polygon
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Site
from geoplan.territory.models import Indicator, Zone

CENTRE = "7.675,45.065,7.690,45.075"  # Piazza Castello and around


def body(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200, response.content
    return response.json()


def test_zones_in_a_box_are_those_it_touches(client):
    features = body(client, "/api/zones/", bbox=CENTRE)["features"]
    codes = {f["properties"]["code"] for f in features}
    expected = Zone.objects.filter(geom__intersects=_box(CENTRE)).values_list("code", flat=True)
    assert codes == set(expected) and 0 < len(codes) < 94


def test_zones_of_one_circoscrizione(client):
    features = body(client, "/api/zones/", circoscrizione=1)["features"]
    assert features and {f["properties"]["circoscrizione"] for f in features} == {1}
    assert len(features) == Zone.objects.filter(circoscrizione__number=1).count()


def test_a_circoscrizione_is_a_number_from_1_to_8(client):
    for value in ("9", "0", "one", "1.5"):
        response = client.get("/api/zones/", {"circoscrizione": value})
        assert response.status_code == 400
        assert response.json()["circoscrizione"] == (
            "circoscrizione must be a whole number from 1 to 8."
        )


def test_indicators_by_kind_and_by_need(client):
    ratios = body(client, "/api/indicators/", kind="ratio")
    assert ratios and {i["kind"] for i in ratios} == {"ratio"}
    assert len(ratios) == Indicator.objects.filter(kind="ratio").count()
    in_need = body(client, "/api/indicators/", in_need="true")
    context = body(client, "/api/indicators/", in_need="false")
    assert all(i["higher_means_more_need"] is not None for i in in_need)
    assert all(i["higher_means_more_need"] is None for i in context)
    assert len(in_need) + len(context) == Indicator.objects.count()


def test_an_unknown_indicator_kind_is_refused_with_the_known_ones(client):
    response = client.get("/api/indicators/", {"kind": "index"})
    assert response.status_code == 400
    assert response.json()["kind"] == "Unknown kind 'index': use one of value, count, ratio."


def test_accessibility_cells_in_a_box(client):
    everything = body(client, "/api/access/cells/", category="night_shelter")
    boxed = body(client, "/api/access/cells/", category="night_shelter", bbox=CENTRE)
    assert 0 < boxed["count"] < everything["count"]
    assert boxed["run"] == everything["run"]
    minlon, minlat, maxlon, maxlat = map(float, CENTRE.split(","))
    for f in boxed["features"]:
        lons = [p[0] for p in f["geometry"]["coordinates"][0]]
        lats = [p[1] for p in f["geometry"]["coordinates"][0]]
        assert max(lons) >= minlon and min(lons) <= maxlon
        assert max(lats) >= minlat and min(lats) <= maxlat


def test_accessibility_zones_of_one_circoscrizione(client):
    boxed = body(client, "/api/access/zones/", category="night_shelter", circoscrizione=8)
    codes = {f["properties"]["code"] for f in boxed["features"]}
    assert codes == set(
        Zone.objects.filter(circoscrizione__number=8).values_list("code", flat=True)
    )


def test_a_bad_box_on_the_accessibility_results_is_refused(client):
    response = client.get("/api/access/cells/", {"category": "night_shelter", "bbox": "1,2,3"})
    assert response.status_code == 400 and "four numbers" in response.json()["bbox"]


# ---------------------------------------------------------------------------------------------
# The partner and moderation lists answer refusals in their own shape: {"errors", "detail"}
# ---------------------------------------------------------------------------------------------
def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def give_sites(organisation, n=3) -> list[Site]:
    sites = list(Site.objects.located().order_by("pk")[:n])
    Site.objects.filter(pk__in=[s.pk for s in sites]).update(organization=organisation)
    return [Site.objects.get(pk=s.pk) for s in sites]


def rename(partner, site, name):
    return propose(partner, {"site": {"name": name}}, site, source=ChangeRequest.Source.API)


def test_a_partner_filters_its_sites_by_organisation_and_box(partner_a, org_a, org_b):
    sites = give_sites(org_a)
    client = token_client(partner_a)
    assert body(client, "/api/partner/sites/", organization=org_a.pk)["count"] == 3
    assert body(client, "/api/partner/sites/", organization=org_b.pk)["features"] == []
    lon, lat = sites[0].geom.coords
    box = f"{lon - 0.0001},{lat - 0.0001},{lon + 0.0001},{lat + 0.0001}"
    (feature,) = body(client, "/api/partner/sites/", bbox=box)["features"]
    assert feature["id"] == sites[0].pk


def test_a_partner_filters_its_requests_by_site(partner_a, org_a):
    first, second, _third = give_sites(org_a)
    rename(partner_a, first, "Primo")
    rename(partner_a, second, "Secondo")
    changes = body(token_client(partner_a), "/api/partner/changes/", site=second.pk)
    assert [c["site"] for c in changes] == [second.pk]


def test_a_refused_partner_filter_answers_errors_by_parameter(partner_a):
    response = token_client(partner_a).get("/api/partner/changes/", {"site": "first"})
    assert response.status_code == 400
    assert response.json() == {
        "errors": {"site": ["site must be a whole number of at least 1."]},
        "detail": "site must be a whole number of at least 1.",
    }


def test_the_queue_by_organisation_and_status(moderator, partner_a, partner_b, org_a, org_b):
    (site_a,) = give_sites(org_a, 1)
    site_b = Site.objects.located().order_by("-pk").first()
    Site.objects.filter(pk=site_b.pk).update(organization=org_b)
    site_b.refresh_from_db()
    mine = rename(partner_a, site_a, "Alfa")
    theirs = rename(partner_b, site_b, "Beta")
    ChangeRequest.objects.filter(pk=theirs.pk).update(status="withdrawn")
    client = token_client(moderator)
    assert [c["id"] for c in body(client, "/api/moderation/changes/", organization=org_a.pk)] == [
        mine.pk
    ]
    # Pending by default: B's withdrawn request shows only when asked for.
    assert body(client, "/api/moderation/changes/", organization=org_b.pk) == []
    assert [
        c["id"]
        for c in body(client, "/api/moderation/changes/", organization=org_b.pk, status="all")
    ] == [theirs.pk]
    refused = client.get("/api/moderation/changes/", {"organization": "-3"})
    assert refused.status_code == 400
    assert refused.json()["errors"] == {
        "organization": ["organization must be a whole number of at least 1."]
    }


def _box(text):
    box = Polygon.from_bbox(tuple(map(float, text.split(","))))
    box.srid = 4326
    return box
