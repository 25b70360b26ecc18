"""`datetime` selects by the time a feature refers to; a bad value is refused by name."""

import pytest

from geoplan.access.models import AccessRun
from geoplan.registry.models import Service

from .helpers import get_json

SITES = "/ogc/collections/sites/items?limit=1000"
ZONES = "/ogc/collections/zones/items?limit=1000"


def matched(client, url) -> int:
    return get_json(client, url)["numberMatched"]


def test_zones_hold_for_their_population_year(client):
    assert matched(client, f"{ZONES}&datetime=2023-06-30") == 94
    assert matched(client, f"{ZONES}&datetime=2023-12-31T23:00:00Z/..") == 94
    assert matched(client, f"{ZONES}&datetime=../2022-12-31") == 0
    assert matched(client, f"{ZONES}&datetime=2024-01-01/2025-01-01") == 0


def test_a_site_is_dated_by_the_year_of_its_services_facts(client):
    published = Service.objects.published()
    expected = published.filter(as_of_year=2024).values("site_id").distinct().count()
    assert expected
    body = get_json(client, f"{SITES}&datetime=2024-01-01/2024-12-31")
    assert body["numberMatched"] == expected
    years = {
        s["as_of_year"]
        for f in body["features"]
        for s in f["properties"]["services"]
        if s["as_of_year"] == 2024
    }
    assert years == {2024}
    assert matched(client, f"{SITES}&datetime=1990-01-01/1999-12-31") == 0


def test_access_results_hold_at_the_time_they_were_computed(client):
    run = AccessRun.objects.latest_completed("standard")
    url = "/ogc/collections/access-night_shelter/items?limit=1000"
    day = run.finished_at.date()
    assert matched(client, f"{url}&datetime={day.isoformat()}") == 94
    assert matched(client, f"{url}&datetime=../{day.replace(year=day.year - 1)}") == 0


@pytest.mark.parametrize(
    "value, words",
    [
        ("yesterday", "not a date or time"),
        ("2024-02-30", "not a date or time"),
        ("2024-05-01T10:00:00", "time zone"),
        ("../..", "at least one end"),
        ("2024-05-01/2023-01-01", "ends before it starts"),
        ("", "empty"),
    ],
)
def test_a_bad_datetime_is_refused_with_a_sentence(client, value, words):
    body = get_json(client, f"{ZONES}&datetime={value}", status=400)
    assert body["description"].startswith("datetime") and words in body["description"]


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+23:59", "9999-12-31T23:59:59-23:59"])
def test_a_moment_outside_the_range_of_dates_is_refused(client, value):
    response = client.get("/ogc/collections/sites/items", {"datetime": value})
    assert response.status_code == 400
    assert "range" in response.json()["description"]
