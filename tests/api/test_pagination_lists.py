"""Lists come in pages (?limit=, ?offset=) without breaking the clients that read them whole:
the default page holds the whole city, a JSON array stays an array (the page is told in the
Link and X-Total-Count headers), a GeoJSON list stays a FeatureCollection (with count, next and
previous too)."""

import re

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from geoplan.api.pagination import MAX_LIMIT
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Site
from geoplan.territory.models import Indicator, Zone


def links(response) -> dict[str, str]:
    """The Link header as {rel: url}."""
    return {
        rel: url for url, rel in re.findall(r'<([^>]+)>; rel="(\w+)"', response.get("Link", ""))
    }


def test_the_default_page_is_the_whole_list(client):
    response = client.get("/api/sites/")
    body = response.json()
    assert body["type"] == "FeatureCollection"
    assert body["count"] == len(body["features"]) == 38
    assert body["next"] is None and body["previous"] is None
    assert response["X-Total-Count"] == "38" and "Link" not in response


def test_pages_of_sites_follow_each_other_to_the_whole_list(client):
    whole = [f["id"] for f in client.get("/api/sites/").json()["features"]]
    seen, url, pages = [], "/api/sites/?limit=10", 0
    while url:
        response = client.get(url)
        body = response.json()
        assert body["count"] == 38 and response["X-Total-Count"] == "38"
        assert len(body["features"]) <= 10
        assert links(response).get("next") == body["next"]
        seen += [f["id"] for f in body["features"]]
        url, pages = body["next"], pages + 1
    assert pages == 4 and seen == whole


def test_the_second_page_links_back_to_the_first(client):
    response = client.get("/api/zones/", {"limit": 30, "offset": 30})
    body = response.json()
    codes = list(Zone.objects.order_by("code").values_list("code", flat=True))
    assert [f["properties"]["code"] for f in body["features"]] == codes[30:60]
    assert body["previous"] == "http://testserver/api/zones/?limit=30"
    assert body["next"] == "http://testserver/api/zones/?limit=30&offset=60"
    assert links(response) == {"next": body["next"], "prev": body["previous"]}


def test_a_json_list_stays_an_array_with_its_page_in_the_headers(client):
    total = Indicator.objects.count()
    response = client.get("/api/indicators/", {"limit": 5, "offset": 5})
    page = response.json()
    codes = list(Indicator.objects.order_by("code").values_list("code", flat=True))
    assert [i["code"] for i in page] == codes[5:10]
    assert response["X-Total-Count"] == str(total)
    assert links(response) == {
        "next": "http://testserver/api/indicators/?limit=5&offset=10",
        "prev": "http://testserver/api/indicators/?limit=5",
    }
    whole = client.get("/api/indicators/")
    assert [i["code"] for i in whole.json()] == codes and "Link" not in whole


def test_an_accessibility_page_names_its_run(client):
    body = client.get("/api/access/zones/", {"category": "night_shelter", "limit": 10}).json()
    assert body["type"] == "FeatureCollection" and isinstance(body["run"], int)
    assert body["count"] == 94 and len(body["features"]) == 10
    assert body["next"].endswith("offset=10") and "category=night_shelter" in body["next"]


def test_a_page_past_the_end_is_empty(client):
    body = client.get("/api/sites/", {"offset": 1000}).json()
    assert body["features"] == [] and body["count"] == 38


def test_cross_origin_scripts_may_read_the_page_headers(client):
    response = client.get("/api/categories/", HTTP_ORIGIN="https://example.org")
    exposed = {h.strip() for h in response["Access-Control-Expose-Headers"].split(",")}
    assert {"Link", "X-Total-Count"} <= exposed


@pytest.mark.parametrize(
    "query, parameter, says",
    [
        ({"limit": "0"}, "limit", f"limit must be a whole number from 1 to {MAX_LIMIT}, not '0'."),
        ({"limit": "ten"}, "limit", f"limit must be a whole number from 1 to {MAX_LIMIT}"),
        ({"limit": str(MAX_LIMIT + 1)}, "limit", "limit must be a whole number from 1"),
        ({"offset": "-1"}, "offset", "offset must be a whole number of at least 0, not '-1'."),
        ({"offset": ""}, "offset", "offset must be a whole number of at least 0"),
    ],
)
def test_a_bad_page_is_refused_with_a_sentence(client, query, parameter, says):
    response = client.get("/api/sites/", query)
    assert response.status_code == 400
    assert response.json()[parameter].startswith(says)


def test_a_bad_page_of_the_partner_api_answers_its_errors_shape(partner_a):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=partner_a).key}")
    response = client.get("/api/partner/sites/", {"limit": "all"})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["limit"]
    assert response.json()["detail"].startswith("limit must be a whole number")


def test_the_moderation_queue_comes_in_pages(moderator, partner_a, org_a):
    sites = list(Site.objects.located().order_by("pk")[:3])
    Site.objects.filter(pk__in=[s.pk for s in sites]).update(organization=org_a)
    filed = [
        propose(
            partner_a,
            {"site": {"name": f"Nome {i}"}},
            Site.objects.get(pk=s.pk),
            source=ChangeRequest.Source.API,
        ).pk
        for i, s in enumerate(sites)
    ]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=moderator).key}")
    first = client.get("/api/moderation/changes/", {"limit": 2})
    assert [c["id"] for c in first.json()] == filed[:2]
    assert first["X-Total-Count"] == "3"
    second = client.get(links(first)["next"])
    assert [c["id"] for c in second.json()] == filed[2:]
