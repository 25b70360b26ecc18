"""The current zone table in CSV: one row per zone, the latest run's results of the category,
rounded (minutes to a tenth, shares and indices to a thousandth, people to one, the access score
to six significant digits), under translated headers."""

import pytest

from geoplan.access.models import AccessRun, ZoneAccess

from .test_export_helpers import *  # noqa: F403
from .test_export_helpers import csv_rows, number

pytestmark = pytest.mark.django_db


def expected(run, category):
    def r(v, d):
        return None if v is None else round(v, d)

    def sig6(v):
        return None if v is None else float(f"{v:.6g}")

    return [
        [
            z.zone.code,
            z.zone.name,
            str(z.zone.circoscrizione.number),
            z.population,
            r(z.mean_min, 1),
            r(z.share_within_10, 3),
            r(z.share_within_15, 3),
            r(z.share_within_20, 3),
            sig6(z.e2sfca_mean),
            r(z.need, 3),
            r(z.need_01, 3),
            z.residents_beyond,
            r(z.gap_people, 0),
            z.gap_rank,
        ]
        for z in ZoneAccess.objects.filter(run=run, category=category)
        .select_related("zone__circoscrizione")
        .order_by("zone__code")
    ]


@pytest.mark.parametrize("profile", ["standard", "slow"])
def test_it_gives_the_latest_runs_zone_results(exporter, profile):
    response = exporter.get(f"/plan/export/zones.csv?category=food_distribution&profile={profile}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="geoplan-zones-')
    assert 'rel="license"' in response["Link"]
    header, rows = csv_rows(response)
    assert header[:4] == ["Zone", "Zone name", "Circoscrizione", "Residents"]
    assert "Residents beyond 15 min" in header
    assert header[-1] == "Gap rank"
    run = AccessRun.objects.latest_completed(profile)
    read = [row[:3] + [number(v) for v in row[3:]] for row in rows]
    assert len(read) == 94
    assert read == expected(run, "food_distribution")


def test_the_headers_follow_the_language(exporter):
    exporter.cookies["django_language"] = "it"
    response = exporter.get("/plan/export/zones.csv?category=night_shelter")
    header, _rows = csv_rows(response)
    # Headers already in the Italian catalogue come out in Italian.
    assert "Residenti" in header and "Indice di bisogno" in header
    assert "Residents" not in header
