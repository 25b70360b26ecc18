"""Pages of /ogc/collections/{id}/items: limit, offset, next and prev, counts."""

from datetime import UTC, datetime, timedelta

from .helpers import get_json, link

ZONES = "/ogc/collections/zones/items"


def page(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/geo+json"
    return response.json()


def test_a_page_holds_ten_features_by_default(client):
    body = page(client, ZONES)
    assert body["type"] == "FeatureCollection"
    assert (body["numberMatched"], body["numberReturned"], len(body["features"])) == (94, 10, 10)
    stamp = datetime.fromisoformat(body["timeStamp"])
    assert abs(datetime.now(UTC) - stamp) < timedelta(minutes=5)
    assert link(body, "self")["href"] == f"http://testserver{ZONES}?limit=10&offset=0"
    assert link(body, "collection")["href"] == "http://testserver/ogc/collections/zones"
    assert link(body, "next")["href"] == f"http://testserver{ZONES}?limit=10&offset=10"
    assert link(body, "prev") is None


def test_next_and_prev_step_by_the_limit_and_keep_the_query(client):
    body = page(client, f"{ZONES}?limit=25&offset=30&bbox=7.5,44.9,7.9,45.2")
    assert body["numberReturned"] == 25
    bbox = "bbox=7.5%2C44.9%2C7.9%2C45.2"
    assert link(body, "next")["href"] == f"http://testserver{ZONES}?{bbox}&limit=25&offset=55"
    assert link(body, "prev")["href"] == f"http://testserver{ZONES}?{bbox}&limit=25&offset=5"
    assert link(body, "self")["href"] == f"http://testserver{ZONES}?{bbox}&limit=25&offset=30"


def test_prev_never_goes_below_zero_and_the_last_page_has_no_next(client):
    body = page(client, f"{ZONES}?limit=40&offset=90")
    assert (body["numberMatched"], body["numberReturned"]) == (94, 4)
    assert link(body, "next") is None
    assert link(body, "prev")["href"].endswith("limit=40&offset=50")
    first = page(client, f"{ZONES}?limit=40&offset=15")
    assert link(first, "prev")["href"].endswith("limit=40&offset=0")


def test_following_next_visits_every_feature_once(client):
    url, seen = f"{ZONES}?limit=7", []
    while url:
        body = page(client, url)
        seen += [f["id"] for f in body["features"]]
        nxt = link(body, "next")
        url = nxt["href"].removeprefix("http://testserver") if nxt else None
    assert len(seen) == len(set(seen)) == 94


def test_an_offset_past_the_end_is_an_empty_page(client):
    body = page(client, f"{ZONES}?offset=500")
    assert (body["numberMatched"], body["numberReturned"], body["features"]) == (94, 0, [])
    assert link(body, "next") is None
    assert link(body, "prev")["href"].endswith("limit=10&offset=490")


def test_a_limit_above_the_maximum_is_served_as_the_maximum(client):
    body = page(client, f"{ZONES}?limit=5000")
    assert body["numberReturned"] == 94
    assert link(body, "self")["href"].endswith("limit=1000&offset=0")


def test_a_bad_limit_or_offset_is_refused_by_name(client):
    for query, name in (
        ("limit=0", "limit"),
        ("limit=-3", "limit"),
        ("limit=ten", "limit"),
        ("limit=2.5", "limit"),
        ("offset=-1", "offset"),
        ("offset=x", "offset"),
    ):
        body = get_json(client, f"{ZONES}?{query}", status=400)
        assert body["code"] == "InvalidParameterValue"
        assert body["description"].startswith(name), query


def test_an_unknown_parameter_is_refused_by_name(client):
    body = get_json(client, f"{ZONES}?category=night_shelter", status=400)
    assert "category" in body["description"] and "bbox" in body["description"]


def test_f_json_and_f_geojson_are_the_same_page(client):
    plain = page(client, ZONES)["features"]
    assert page(client, f"{ZONES}?f=json")["features"] == plain
    assert page(client, f"{ZONES}?f=geojson")["features"] == plain
    get_json(client, f"{ZONES}?f=html", status=400)
