"""KPI snapshots: each completed run's headline figures per category (see KpiSnapshot)."""

from django.db.models import Sum

from .models import AccessRun, KpiSnapshot, ZoneAccess


def _finite(value):
    return None if value is None or value != value else float(value)


def snapshot_rows(run: AccessRun) -> list[KpiSnapshot]:
    """The run's snapshots, unsaved: figures from the run's city results and zone rows."""
    unserved = dict(
        ZoneAccess.objects.filter(run=run)
        .values_list("category")
        .annotate(total=Sum("gap_people"))
        .values_list("category", "total")
    )
    population = dict(
        ZoneAccess.objects.filter(run=run)
        .values_list("category")
        .annotate(total=Sum("population"))
        .values_list("category", "total")
    )
    return [
        KpiSnapshot(
            run=run,
            taken_at=run.finished_at or run.started_at,
            profile=run.profile,
            category=category,
            population=int(population.get(category) or 0),
            n_sites=int(city.get("n_sites") or 0),
            share_within_15=_finite(city.get("share_within_15")) or 0.0,
            need_weighted_unserved=_finite(unserved.get(category)),
            mean_min=_finite(city.get("mean_min")),
            gini_nearest_min=_finite(city.get("gini_nearest_min")),
        )
        for category, city in sorted(run.city.items())
    ]


def record_snapshots(run: AccessRun) -> int:
    """Store the run's snapshots (idempotent); returns how many the run has."""
    if not KpiSnapshot.objects.filter(run=run).exists():
        KpiSnapshot.objects.bulk_create(snapshot_rows(run))
    return KpiSnapshot.objects.filter(run=run).count()
