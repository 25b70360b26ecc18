"""One collection per category with the zone results of the latest standard run, equal to
/api/access/zones/."""

from geoplan.access.models import AccessRun

from .helpers import get_json

COMPARED = ("mean_min", "share_within_15", "residents_beyond", "need", "gap_people", "gap_rank")


def test_the_zone_results_equal_those_of_the_access_api(client):
    for category in ("night_shelter", "food_distribution", "housing_first"):
        ogc = get_json(client, f"/ogc/collections/access-{category}/items?limit=1000")
        api = get_json(client, f"/api/access/zones/?category={category}")
        assert ogc["numberMatched"] == len(api["features"]) == 94
        by_code = {f["properties"]["code"]: f["properties"] for f in api["features"]}
        for feature in ogc["features"]:
            mine = feature["properties"]
            theirs = by_code[feature["id"]]
            assert {k: mine[k] for k in COMPARED} == {k: theirs[k] for k in COMPARED}
            assert mine["zone"] == feature["id"] and mine["zone_name"] == theirs["name"]
            assert mine["category"] == category
            assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_a_zone_result_names_its_run_and_threshold(client):
    run = AccessRun.objects.latest_completed("standard")
    feature = get_json(client, "/ogc/collections/access-night_shelter/items/01")
    p = feature["properties"]
    assert (p["run"], p["profile"], p["threshold_min"]) == (run.pk, "standard", 15)
    assert p["computed_at"].endswith("Z")


def test_a_category_without_sites_has_no_walk_and_every_resident_beyond(client):
    body = get_json(client, "/ogc/collections/access-housing_first/items?limit=1000")
    for f in body["features"]:
        p = f["properties"]
        assert p["mean_min"] is None and p["share_within_15"] == 0
        assert p["residents_beyond"] == p["population"]


def test_the_worst_gap_is_ranked_first(client):
    body = get_json(client, "/ogc/collections/access-night_shelter/items?limit=1000")
    ranked = [f["properties"] for f in body["features"] if f["properties"]["gap_rank"]]
    worst = min(ranked, key=lambda p: p["gap_rank"])
    assert worst["gap_people"] == max(p["gap_people"] for p in ranked)
