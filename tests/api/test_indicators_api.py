"""The indicator catalogue, values per zone, the need index per category and the zone panel."""

import pytest

from geoplan.access.models import AccessRun, ZoneAccess


def test_the_catalogue_gives_each_indicator_with_its_provenance(client):
    data = client.get("/api/indicators/").json()
    by_code = {i["code"]: i for i in data}
    share = by_code["unemployment_rate"]
    assert share["kind"] == "ratio" and share["unit"] == "%" and share["year"] == "2011"
    assert share["numerator"] == "unemployed_prev_job_2011"
    assert share["denominator"] == "labour_force_2011"
    assert share["geography"] == "23 former quartieri, apportioned by population"
    assert "ISTAT" in share["source"] and share["licence"] and share["method"]
    assert by_code["over65_share"]["geography"].startswith("circoscrizione")


def test_an_indicator_gives_its_value_per_zone_and_a_legend(client):
    data = client.get("/api/indicators/foreign_share/").json()
    assert len(data["values"]) == 94 and data["year"] == "c. 2017"
    values = [v["value"] for v in data["values"]]
    assert min(values) >= 0 and max(values) <= 100
    assert data["legend"]["breaks"][-1] == pytest.approx(max(values), abs=0.01)


def test_an_unknown_indicator_is_a_404_with_a_sentence(client):
    response = client.get("/api/indicators/income/")
    assert response.status_code == 404 and "Unknown indicator 'income'" in response.json()["detail"]


def test_the_need_layer_names_its_components_sources_and_years(client):
    data = client.get("/api/access/need/?category=night_shelter").json()
    assert len(data["values"]) == 94
    assert {c["code"] for c in data["components"]} >= {"foreign_share", "renting_share"}
    assert "ISTAT" in data["source"] and "2011" in data["year"] and "2017" in data["year"]


def test_zones_and_worst_gaps_carry_need_people_and_ties(client):
    worst = client.get("/api/access/worst/?category=night_shelter&n=10").json()
    zones = worst["zones"]
    assert worst["threshold_min"] == 15 and len(zones) >= 10
    for z in zones:
        assert z["population"] > 0 and z["residents_beyond"] <= z["population"]
        assert set(z["need_components"]) and z["gap_people"] is not None
        assert z["rank_label"] == (f"={z['rank']}" if z["gap_tied"] else str(z["rank"]))
    people = [z["gap_people"] for z in zones]
    assert people == sorted(people, reverse=True)
    features = client.get("/api/access/zones/?category=night_shelter").json()["features"]
    assert len(features) == 94
    assert {"need", "need_components", "residents_beyond", "gap_people", "gap_tied"} <= set(
        features[0]["properties"]
    )


def test_a_tie_at_the_last_place_is_shown_whole(client, db):
    # Make the 3rd and 4th zones equal: the list of 3 then holds both, each marked "=3".
    run = AccessRun.objects.latest_completed()
    rows = list(
        ZoneAccess.objects.filter(run=run, category="night_shelter").order_by("gap_rank")[:4]
    )
    for r in rows[2:]:
        r.gap_rank, r.gap_tied = 3, True
        r.save()
    zones = client.get("/api/access/worst/?category=night_shelter&n=3").json()["zones"]
    assert [z["rank_label"] for z in zones] == ["1", "2", "=3", "=3"]


def test_the_zone_panel_holds_indicators_need_access_and_sites_nearby(client):
    data = client.get("/api/zones/48/").json()
    assert data["name"] == "Borgata Lucento" and data["population"] > 0
    assert len(data["bbox"]) == 4
    codes = {i["code"] for i in data["indicators"]}
    assert {"foreign_share", "unemployment_rate", "over65_share"} <= codes
    night = next(a for a in data["access"] if a["category"] == "night_shelter")
    assert night["residents_beyond"] is not None and night["rank_label"]
    assert {c["code"] for c in night["components"]} >= {"renting_share"}
    assert all(c["weight"] == 1.0 for c in night["components"])
    assert len(data["access"]) == 7
    distances = [s["distance_m"] for s in data["sites_nearby"]]
    assert distances == sorted(distances) and all(d <= 1000 for d in distances)


def test_an_unknown_zone_is_a_404(client):
    assert client.get("/api/zones/999/").status_code == 404


def test_the_zone_panel_lists_the_published_sites_inside_the_zone(client):
    from geoplan.registry.models import Site

    site = Site.objects.located().filter(services__status="published").first()
    nearby = client.get(f"/api/zones/{site.zone.code}/").json()["sites_nearby"]
    mine = [s for s in nearby if s["id"] == site.pk]
    assert mine and all(s["in_zone"] and s["distance_m"] == 0 for s in mine)


def test_an_indicator_without_values_yet_answers_with_none(client, db):
    from geoplan.territory.models import Indicator

    Indicator.objects.create(code="income", label_it="Reddito", label_en="Income", unit="€")
    data = client.get("/api/indicators/income/").json()
    assert data["values"] == [] and data["legend"] == {"breaks": [], "colors": []}
