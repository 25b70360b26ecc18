"""GET /api/kpis/ lists the KPI snapshots of the completed runs over time, to anyone: one row per
run and category with the documented keys, filtered by category and walking profile (each
checked), by category in the registry's order, then profile, then time; a new run adds a row per
category."""

import pytest
from django.urls import reverse
from django.utils.dateparse import parse_datetime

from geoplan.access.models import KpiSnapshot
from geoplan.access.services import run_access
from geoplan.registry.models import ServiceCategory

KEYS = [
    "taken_at",
    "run",
    "profile",
    "category",
    "category_name",
    "population",
    "n_sites",
    "share_within_15",
    "need_weighted_unserved",
    "mean_min",
    "gini_nearest_min",
]


def kpis(client, **query):
    response = client.get(reverse("api:kpis"), query)
    assert response.status_code == 200, response.content
    return response.json()


def test_every_snapshot_is_listed_with_its_figures(client):
    rows = kpis(client)
    assert len(rows) == KpiSnapshot.objects.count() > 0
    stored = {(s.run_id, s.category): s for s in KpiSnapshot.objects.all()}
    names = {c.code: c.name_en for c in ServiceCategory.objects.all()}
    for row in rows:
        assert list(row) == KEYS
        snapshot = stored[row["run"], row["category"]]
        assert parse_datetime(row["taken_at"]) == snapshot.taken_at
        assert row["category_name"] == names[row["category"]]
        for key in KEYS[5:]:
            assert row[key] == getattr(snapshot, key), key
    # The registry's order of categories, then profile, then time.
    order = list(ServiceCategory.objects.order_by("order", "code").values_list("code", flat=True))
    keys = [(order.index(r["category"]), r["profile"], r["taken_at"]) for r in rows]
    assert keys == sorted(keys)


def test_a_category_without_a_site_has_no_minutes(client):
    (row, *_others) = kpis(client, category="housing_first", profile="standard")
    assert row["n_sites"] == 0 and row["share_within_15"] == 0
    assert row["mean_min"] is None and row["gini_nearest_min"] is None
    assert row["need_weighted_unserved"] > 0


@pytest.mark.parametrize("profile", ["standard", "slow"])
def test_it_filters_by_category_and_profile(client, profile):
    rows = kpis(client, category="night_shelter", profile=profile)
    assert rows and {(r["category"], r["profile"]) for r in rows} == {("night_shelter", profile)}
    assert (
        len(rows) == KpiSnapshot.objects.filter(category="night_shelter", profile=profile).count()
    )
    assert {r["profile"] for r in kpis(client, profile=profile)} == {profile}
    both = kpis(client, category="night_shelter", profile="")
    assert {r["profile"] for r in both} == {"standard", "slow"}


@pytest.mark.parametrize(
    "query, field",
    [
        ({"category": "castles"}, "category"),
        ({"profile": "fast"}, "profile"),
        ({"category": "night_shelter", "profile": "running"}, "profile"),
    ],
)
def test_it_refuses_an_unknown_filter_by_name(client, query, field):
    response = client.get(reverse("api:kpis"), query)
    assert response.status_code == 400
    assert field in response.json()


def test_a_new_run_adds_a_row_per_category(client):
    before = kpis(client, profile="standard")
    run, created = run_access("standard", force=True)
    assert created
    after = kpis(client, profile="standard")
    added = [r for r in after if r["run"] == run.pk]
    assert len(after) == len(before) + ServiceCategory.objects.count() == len(before) + len(added)
    for category in {r["category"] for r in added}:
        mine = [r for r in after if r["category"] == category]
        assert mine[-1]["run"] == run.pk  # the latest comes last
