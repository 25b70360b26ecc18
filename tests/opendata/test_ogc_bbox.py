"""`bbox` selects the features that intersect a box (CRS84); a bad box is refused."""

import pytest
from django.contrib.gis.geos import Polygon

from geoplan.registry.models import Site
from geoplan.territory.models import Zone

from .helpers import get_json

SITES = "/ogc/collections/sites/items?limit=1000"
ZONES = "/ogc/collections/zones/items?limit=1000"
# The historic centre, around Piazza Castello.
CENTRE = (7.66, 45.06, 7.70, 45.08)


def bbox(values) -> str:
    return ",".join(str(v) for v in values)


def test_it_returns_the_sites_inside_the_box(client):
    body = get_json(client, f"{SITES}&bbox={bbox(CENTRE)}")
    box = Polygon.from_bbox(CENTRE)
    public = {f["id"] for f in get_json(client, SITES)["features"]}
    inside = {s.pk for s in Site.objects.filter(pk__in=public) if box.intersects(s.geom)}
    assert 0 < len(inside) < len(public)
    assert {f["id"] for f in body["features"]} == inside
    assert body["numberMatched"] == len(inside)
    for f in body["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert CENTRE[0] <= lon <= CENTRE[2] and CENTRE[1] <= lat <= CENTRE[3]


def test_it_returns_the_zones_that_touch_the_box(client):
    body = get_json(client, f"{ZONES}&bbox={bbox(CENTRE)}")
    expected = set(
        Zone.objects.filter(geom__intersects=Polygon.from_bbox(CENTRE)).values_list(
            "code", flat=True
        )
    )
    assert 1 < len(expected) < 94
    assert {f["id"] for f in body["features"]} == expected


def test_the_access_results_follow_the_box_like_the_zones(client):
    zones = get_json(client, f"{ZONES}&bbox={bbox(CENTRE)}")
    access = get_json(
        client, f"/ogc/collections/access-night_shelter/items?limit=1000&bbox={bbox(CENTRE)}"
    )
    assert [f["id"] for f in access["features"]] == [f["id"] for f in zones["features"]]


def test_a_box_away_from_turin_is_empty_and_six_numbers_are_read_as_a_box(client):
    assert get_json(client, f"{SITES}&bbox=12.4,41.8,12.6,42.0")["numberMatched"] == 0
    flat = get_json(client, f"{SITES}&bbox={bbox(CENTRE)}")
    tall = get_json(client, f"{SITES}&bbox=7.66,45.06,0,7.70,45.08,100")
    assert tall["features"] == flat["features"]


def test_a_box_across_the_antimeridian_wraps_around(client):
    # From 7.0° east eastwards round the world to 8.0° east: all of Turin.
    body = get_json(client, f"{SITES}&bbox=8.0,44,7.0,46")
    assert body["numberMatched"] == 0
    whole = get_json(client, f"{SITES}&bbox=7.0,44,-170,46")
    assert whole["numberMatched"] == get_json(client, SITES)["numberMatched"]


@pytest.mark.parametrize(
    "value, words",
    [
        ("7.6,45.0,7.7", "four numbers"),
        ("7.6,45.0,7.7,45.1,1", "four numbers"),
        ("a,b,c,d", "four numbers"),
        ("7.6;45.0;7.7;45.1", "four numbers"),
        ("", "four numbers"),
        ("7.6,45.0,nan,45.1", "finite"),
        ("7.6,45.0,200,45.1", "between -180 and 180"),
        ("7.6,-95,7.7,45.1", "between -90 and 90"),
        ("7.6,45.2,7.7,45.1", "minimum latitude is greater"),
    ],
)
def test_a_bad_box_is_refused_with_a_sentence(client, value, words):
    body = get_json(client, f"{SITES}&bbox={value}", status=400)
    assert body["code"] == "InvalidParameterValue"
    assert body["description"].startswith("bbox") and words in body["description"]
