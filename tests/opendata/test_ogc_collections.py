"""/ogc/collections and /ogc/collections/{id}: which collections, their extents and links."""

from geoplan.access.models import AccessRun, ZoneAccess
from geoplan.registry.models import ServiceCategory
from geoplan.territory.models import City

from .helpers import api_sites, get_json, link

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"


def latest_run():
    return AccessRun.objects.latest_completed("standard")


def test_it_lists_sites_zones_and_one_access_collection_per_category(client):
    ids = [c["id"] for c in get_json(client, "/ogc/collections")["collections"]]
    computed = set(ZoneAccess.objects.filter(run=latest_run()).values_list("category", flat=True))
    categories = [c.code for c in ServiceCategory.objects.all() if c.code in computed]
    assert "night_shelter" in categories and len(categories) >= 5
    assert ids == ["sites", "zones", *(f"access-{code}" for code in categories)]


def test_each_collection_describes_itself_with_links(client):
    listing = get_json(client, "/ogc/collections")
    assert link(listing, "self")["href"] == "http://testserver/ogc/collections"
    for c in listing["collections"]:
        assert c["itemType"] == "feature"
        assert c["title"] and c["description"] and c["attribution"]
        assert c["crs"] == [CRS84]
        base = f"http://testserver/ogc/collections/{c['id']}"
        assert link(c, "self") == {
            "href": base,
            "rel": "self",
            "type": "application/json",
            "title": c["title"],
        }
        assert link(c, "items")["href"] == base + "/items"
        assert link(c, "items")["type"] == "application/geo+json"
        assert link(c, "license")["href"].startswith("https://")
        # The same document alone at its own address.
        assert get_json(client, f"/ogc/collections/{c['id']}") == c


def contains(bbox, lon, lat) -> bool:
    return bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]


def test_the_sites_extent_is_the_box_of_the_published_sites(client):
    extent = get_json(client, "/ogc/collections/sites")["extent"]
    assert extent["spatial"]["crs"] == CRS84
    [bbox] = extent["spatial"]["bbox"]
    points = [f["geometry"]["coordinates"] for f in api_sites(client)]
    assert all(contains(bbox, lon, lat) for lon, lat in points)
    # Tight: its edges are sites (to the 6 decimals of the coordinates).
    assert abs(bbox[0] - min(p[0] for p in points)) < 2e-6
    assert abs(bbox[3] - max(p[1] for p in points)) < 2e-6


def test_the_zones_extent_is_turin_and_their_time_the_population_year(client):
    extent = get_json(client, "/ogc/collections/zones")["extent"]
    [bbox] = extent["spatial"]["bbox"]
    turin = City.turin().geom.extent
    # The zones and the boundary come from different sources: alike within 0.005° (< 600 m).
    assert all(abs(a - b) < 0.005 for a, b in zip(bbox, turin, strict=True))
    assert extent["temporal"]["interval"] == [["2023-01-01T00:00:00Z", "2023-12-31T23:59:59Z"]]


def test_an_access_collection_is_dated_by_its_run(client):
    run = latest_run()
    c = get_json(client, "/ogc/collections/access-night_shelter")
    [[start, end]] = c["extent"]["temporal"]["interval"]
    assert start == end and start.startswith(run.finished_at.strftime("%Y-%m-%dT%H:%M:%S"))
    assert str(run.pk) in c["description"]


def test_an_unknown_collection_is_a_404_with_a_message(client):
    for url in (
        "/ogc/collections/schools",
        "/ogc/collections/access-soup_kitchen",
        "/ogc/collections/access-%00",
        "/ogc/collections/schools/items",
        "/ogc/collections/schools/items/1",
    ):
        body = get_json(client, url, status=404)
        assert body["code"] == "NotFound"
        assert "no collection" in body["description"], url


def test_without_a_run_there_are_no_access_collections(client):
    AccessRun.objects.all().delete()
    ids = [c["id"] for c in get_json(client, "/ogc/collections")["collections"]]
    assert ids == ["sites", "zones"]
    get_json(client, "/ogc/collections/access-night_shelter", status=404)
