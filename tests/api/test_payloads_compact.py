"""The map's per-choice answers without geometry: cells as H3 indexes, zone values by code."""

import pytest

from geoplan.access.models import AccessCell, AccessRun, CellAccess, ZoneAccess


def test_the_compact_cells_answer_has_every_cell_of_the_run_with_its_values(client):
    run = AccessRun.objects.latest_completed("standard")
    data = client.get("/api/access/cells/h3/?category=night_shelter").json()
    assert data["run"] == run.pk and data["category"] == "night_shelter"
    assert data["profile"] == "standard"
    columns = data["columns"]
    rows = {row[columns.index("h3")]: dict(zip(columns, row, strict=True)) for row in data["cells"]}
    assert set(rows) == set(AccessCell.objects.filter(run=run).values_list("h3", flat=True))
    assert len(rows) == len(data["cells"]) > 1000
    for m in CellAccess.objects.filter(cell__run=run, category="night_shelter").select_related(
        "cell"
    ):
        row = rows[m.cell.h3]
        assert row["population"] == m.cell.population
        assert row["sites_within_15"] == m.sites_within_15
        assert row["nearest_min"] == pytest.approx(m.nearest_min, abs=0.05)
        assert row["e2sfca"] == pytest.approx(m.e2sfca, abs=5e-7)


def test_the_compact_cells_answer_carries_no_geometry_and_a_legend(client):
    compact = client.get("/api/access/cells/h3/?category=food_distribution")
    geojson = client.get("/api/access/cells/?category=food_distribution")
    text = compact.content.decode()
    assert "coordinates" not in text and "geometry" not in text
    assert len(compact.content) * 8 < len(geojson.content)
    legend = compact.json()["legend"]
    assert legend["breaks"][:4] == [5.0, 10.0, 15.0, 20.0]
    assert sum(legend["counts"]) == len(compact.json()["cells"])


def test_the_compact_cells_answer_follows_the_walking_speed(client):
    slow = AccessRun.objects.latest_completed("slow")
    data = client.get("/api/access/cells/h3/?category=night_shelter&profile=slow").json()
    assert data["run"] == slow.pk and data["profile"] == "slow"


def test_the_answer_says_when_its_run_was_computed(client):
    from datetime import datetime

    run = AccessRun.objects.latest_completed("standard")
    data = client.get("/api/access/cells/h3/?category=night_shelter").json()
    assert datetime.fromisoformat(data["computed_at"]) == run.finished_at


def test_zone_values_come_without_polygons_and_match_the_geojson_answer(client):
    run = AccessRun.objects.latest_completed("standard")
    values = client.get("/api/access/zones/values/?category=night_shelter").json()
    features = client.get("/api/access/zones/?category=night_shelter").json()["features"]
    assert values["run"] == run.pk
    assert "coordinates" not in str(values)
    assert {z["code"]: z for z in values["zones"]} == {
        f["properties"]["code"]: f["properties"] for f in features
    }
    assert (
        len(values["zones"]) == ZoneAccess.objects.filter(run=run, category="night_shelter").count()
    )
    assert sum(values["legend"]["counts"]) == len(values["zones"])


def test_an_unknown_category_is_refused_with_a_sentence(client):
    response = client.get("/api/access/cells/h3/?category=mensa")
    assert response.status_code == 400 and "Unknown category" in response.json()["category"]
