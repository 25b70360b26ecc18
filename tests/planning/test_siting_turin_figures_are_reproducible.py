"""On Turin: the siting's figures are exactly what anyone gets by walking from the chosen points
(and the existing published sites) to the run's cells on the same network at the same speed."""

import numpy as np
import pytest
from django.contrib.gis.geos import Point

from geoplan.access.inputs import sites_frame, walk_network
from geoplan.access.models import AccessCell, AccessCellZone, AccessRun, ZoneAccess
from geoplan.access.siting import solve_siting
from geoplan.analysis.routing import Snapped, minutes_from_m, nearest_m, snap_points
from geoplan.territory.models import City

CATEGORY = "night_shelter"


def recomputed(run, lon, lat, threshold_min=15):
    """(residents, need-weighted residents) within the threshold of the given points."""
    network = walk_network()
    cells = list(
        AccessCell.objects.filter(run=run)
        .order_by("pk")
        .values_list("pk", "node", "snap_m", "population")
    )
    ids = [c[0] for c in cells]
    points = Snapped(np.array([c[1] for c in cells]), np.array([c[2] for c in cells], dtype=float))
    walk_min = minutes_from_m(
        nearest_m(network, snap_points(network, lon, lat), points), run.params["speed_kmh"]
    )
    covered = dict(zip(ids, walk_min <= threshold_min, strict=True))
    need = dict(
        ZoneAccess.objects.filter(run=run, category=CATEGORY).values_list("zone_id", "need_01")
    )
    residents = sum(c[3] for c in cells if covered[c[0]])
    weighted = sum(
        population * need[zone]
        for cell, zone, population in AccessCellZone.objects.filter(cell__run=run).values_list(
            "cell_id", "zone_id", "population"
        )
        if covered[cell]
    )
    return residents, weighted


@pytest.fixture(scope="module")
def answer(django_db_setup, django_db_blocker):
    # Solved once for the module, on the test database (set up first, not the one configured).
    with django_db_blocker.unblock():
        return solve_siting(category=CATEGORY, k=3, model="mclp")


@pytest.mark.django_db
def test_the_reported_coverage_is_what_the_chosen_points_cover(answer):
    run = AccessRun.objects.latest_completed("standard")
    existing = sites_frame()
    existing = existing[existing["category"] == CATEGORY]
    assert len(existing) > 0 and len(answer["sites"]) == 3
    lon = np.r_[existing["lon"].to_numpy(), [s["lon"] for s in answer["sites"]]]
    lat = np.r_[existing["lat"].to_numpy(), [s["lat"] for s in answer["sites"]]]
    residents, weighted = recomputed(run, lon, lat)
    assert weighted == pytest.approx(answer["need_weighted_covered_after"], rel=1e-6)
    assert residents == pytest.approx(answer["residents_covered_after"], rel=1e-6)
    residents, weighted = recomputed(run, existing["lon"], existing["lat"])
    assert weighted == pytest.approx(answer["need_weighted_covered_before"], rel=1e-6)
    assert residents == pytest.approx(answer["residents_covered_before"], rel=1e-6)


@pytest.mark.django_db
def test_the_optimum_covers_at_least_as_much_as_the_greedy_answer(answer):
    assert answer["status"] == "optimal" and answer["gap"] == 0
    greedy = answer["greedy"]
    assert len(greedy["sites"]) == 3
    assert answer["need_weighted_covered_after"] >= greedy["need_weighted_covered_after"] - 1e-6
    assert answer["need_weighted_covered_after"] > answer["need_weighted_covered_before"]
    assert answer["objective"] == pytest.approx(answer["need_weighted_covered_after"], rel=1e-6)


@pytest.mark.django_db
def test_each_site_reports_what_it_adds(answer):
    added = sum(s["need_weighted_newly_covered"] for s in answer["sites"])
    gained = answer["need_weighted_covered_after"] - answer["need_weighted_covered_before"]
    assert added == pytest.approx(gained, rel=1e-9)
    added = sum(s["residents_newly_covered"] for s in answer["sites"])
    assert added == pytest.approx(
        answer["residents_covered_after"] - answer["residents_covered_before"]
    )
    assert all(s["need_weighted_newly_covered"] > 0 for s in answer["sites"])


@pytest.mark.django_db
def test_grid_sites_are_street_points_inside_turin(answer):
    city = City.turin().geom
    network = walk_network()
    for site in answer["sites"]:
        assert city.contains(Point(site["lon"], site["lat"], srid=4326))
        assert site["lon"] == round(site["lon"], 6) and site["lat"] == round(site["lat"], 6)
        assert snap_points(network, site["lon"], site["lat"]).snap_m[0] < 0.1
        assert site["capacity"] is None
    assert answer["candidates"] > 500
