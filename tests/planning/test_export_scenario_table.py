"""A scenario's zone table: before, after and change of every zone measure, equal to the
scenario engine's results rounded as the current table rounds (shares to a thousandth, minutes
to a tenth, people to one, the access score to six significant digits), changes too; without a
category, one row per zone and changed category."""

import io

import pytest
from openpyxl import load_workbook

from geoplan.planning.scenarios import scenario_results
from geoplan.planning.tables import SCENARIO_MEASURES

from .test_export_helpers import *  # noqa: F403
from .test_export_helpers import csv_rows, number, rounded

pytestmark = pytest.mark.django_db


def expected_rows(results, category=None):
    rows = []
    for z in results["zones"]:
        if category and z["category"] != category:
            continue
        row = [z["zone"], z["zone_name"], z["circoscrizione"]]
        if category is None:
            row += [z["category"], next(c["category_name"] for c in results["city"]
                                        if c["category"] == z["category"])]  # fmt: skip
        row.append(z["population"])
        for measure, _kind in SCENARIO_MEASURES:
            row += [rounded(measure, z[part][measure]) for part in ("before", "after", "delta")]
        rows.append(row)
    return rows


def test_the_csv_equals_the_engines_zones(exporter, night_scenario):
    url = f"/plan/export/zones.csv?scenario={night_scenario.pk}&category=night_shelter"
    response = exporter.get(url)
    assert response.status_code == 200, response.content
    header, rows = csv_rows(response)
    assert header[4:7] == [
        "Residents within 15 min: before",
        "Residents within 15 min: after",
        "Residents within 15 min: change",
    ]
    results = scenario_results(night_scenario, "standard")
    read = [row[:3] + [number(v) for v in row[3:]] for row in rows]
    want = expected_rows(results, "night_shelter")
    assert len(read) == 94
    for got, row in zip(read, want, strict=True):
        assert got[:3] == row[:3]
        assert got[3:] == pytest.approx(row[3:], rel=1e-12, abs=1e-12)
    # The scenario changes something in this category.
    assert any(r[6] for r in read)
    # As written: no share with more than three decimals, no person with a fraction.
    share = header.index("Share within 15 min: before")
    people = header.index("Need-weighted residents beyond 15 min: change")
    assert all(len(r[share].partition(".")[2]) <= 3 for r in rows)
    assert all("." not in r[people] for r in rows)
    assert any(r[people] not in ("", "0") for r in rows)


def test_without_a_category_the_xlsx_has_every_changed_category(exporter, night_scenario):
    response = exporter.get(f"/plan/export/zones.xlsx?scenario={night_scenario.pk}&profile=slow")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][3:5] == ["Category code", "Category"]
    results = scenario_results(night_scenario, "slow")
    want = expected_rows(results)
    assert len(rows) - 1 == len(want) == 94 * len(results["categories"])
    for got, row in zip(rows[1:], want, strict=True):
        assert got[:5] == row[:5]
        assert got[5:] == pytest.approx(row[5:], rel=1e-12, abs=1e-12)
    assert {r[3] for r in rows[1:]} == set(results["categories"])
    about = dict(load_workbook(io.BytesIO(response.content))["About"].iter_rows(values_only=True))
    assert about["Scenario"] == f"{night_scenario.pk}: {night_scenario.name}"
