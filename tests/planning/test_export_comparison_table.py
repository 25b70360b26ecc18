"""Two scenarios compared, by zone: the change each makes and b's minus a's, equal to the
engine's comparison rounded as every zone table rounds."""

import pytest

from geoplan.planning.scenarios import compare_results
from geoplan.planning.tables import SCENARIO_MEASURES

from .test_export_helpers import *  # noqa: F403
from .test_export_helpers import csv_rows, make_scenario, number, rounded

pytestmark = pytest.mark.django_db


def test_it_gives_both_changes_and_their_difference(exporter, planner):
    a = make_scenario(planner, "One shelter in Lucento", kinds=("add",))
    b = make_scenario(planner, "Two shelters", kinds=("add", "add"))
    response = exporter.get(f"/plan/export/zones.csv?a={a.pk}&b={b.pk}&category=night_shelter")
    assert response.status_code == 200, response.content
    header, rows = csv_rows(response)
    assert header[4:7] == [
        "Residents within 15 min: change with A (One shelter in Lucento)",
        "Residents within 15 min: change with B (Two shelters)",
        "Residents within 15 min: B minus A",
    ]
    results = compare_results(a, b, "standard")
    want = []
    for z in results["zones"]:
        row = [z["zone"], z["zone_name"], z["circoscrizione"], z["population"]]
        for measure, _kind in SCENARIO_MEASURES:
            row += [rounded(measure, z[part][measure]) for part in ("a", "b", "b_minus_a")]
        want.append(row)
    read = [row[:3] + [number(v) for v in row[3:]] for row in rows]
    assert len(read) == 94
    for got, row in zip(read, want, strict=True):
        assert got[:3] == row[:3]
        assert got[3:] == pytest.approx(row[3:], rel=1e-12, abs=1e-12)
    # The second shelter (Mirafiori) is what b adds over a.
    assert any(r[6] for r in read)
