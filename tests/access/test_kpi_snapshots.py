"""Every completed run stores a dated KPI snapshot per category, from the run's own results."""

import pytest
from django.db.models import Sum

from geoplan.access.kpis import record_snapshots
from geoplan.access.models import AccessRun, KpiSnapshot, ZoneAccess
from geoplan.access.services import run_access

pytestmark = pytest.mark.django_db


def test_each_completed_run_has_one_snapshot_per_category():
    for run in AccessRun.objects.completed():
        assert set(run.kpis.values_list("category", flat=True)) == set(run.city)


def test_a_snapshot_holds_the_runs_figures():
    run = AccessRun.objects.latest_completed("standard")
    for kpi in run.kpis.all():
        city = run.city[kpi.category]
        zones = ZoneAccess.objects.filter(run=run, category=kpi.category)
        assert kpi.taken_at == run.finished_at
        assert kpi.profile == "standard"
        assert kpi.n_sites == city["n_sites"]
        assert kpi.share_within_15 == pytest.approx(city["share_within_15"])
        assert kpi.mean_min == (
            None if city["mean_min"] is None else pytest.approx(city["mean_min"])
        )
        assert kpi.population == zones.aggregate(p=Sum("population"))["p"]
        assert kpi.need_weighted_unserved == pytest.approx(
            zones.aggregate(g=Sum("gap_people"))["g"]
        )


def test_a_category_without_a_site_has_no_mean_walk():
    run = AccessRun.objects.latest_completed("standard")
    housing_first = run.kpis.get(category="housing_first")
    assert housing_first.n_sites == 0
    assert housing_first.mean_min is None
    assert housing_first.share_within_15 == 0


def test_a_new_run_adds_snapshots_and_recording_twice_adds_none():
    before = KpiSnapshot.objects.count()
    run, created = run_access("standard", force=True)
    assert created
    assert KpiSnapshot.objects.count() == before + len(run.city)
    assert record_snapshots(run) == len(run.city)
    assert KpiSnapshot.objects.count() == before + len(run.city)


def test_an_unchanged_run_is_not_snapshotted_again():
    before = KpiSnapshot.objects.count()
    _run, created = run_access("standard")
    assert not created
    assert KpiSnapshot.objects.count() == before
