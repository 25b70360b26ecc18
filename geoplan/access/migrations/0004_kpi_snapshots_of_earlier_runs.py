"""Earlier completed runs get their KPI snapshots, so monitoring starts with the runs already made."""

from django.db import migrations
from django.db.models import Sum


def backfill(apps, schema_editor):
    AccessRun = apps.get_model("access", "AccessRun")
    KpiSnapshot = apps.get_model("access", "KpiSnapshot")
    ZoneAccess = apps.get_model("access", "ZoneAccess")
    for run in AccessRun.objects.filter(status="completed").exclude(kpis__isnull=False):
        totals = {
            row["category"]: row
            for row in ZoneAccess.objects.filter(run=run)
            .values("category")
            .annotate(unserved=Sum("gap_people"), population=Sum("population"))
        }
        rows = []
        for category, city in sorted((run.city or {}).items()):
            zone = totals.get(category, {})
            rows.append(
                KpiSnapshot(
                    run=run,
                    taken_at=run.finished_at or run.started_at,
                    profile=run.profile,
                    category=category,
                    population=int(zone.get("population") or 0),
                    n_sites=int(city.get("n_sites") or 0),
                    share_within_15=city.get("share_within_15") or 0.0,
                    need_weighted_unserved=zone.get("unserved"),
                    mean_min=city.get("mean_min"),
                    gini_nearest_min=city.get("gini_nearest_min"),
                )
            )
        KpiSnapshot.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("access", "0003_kpisnapshot")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
