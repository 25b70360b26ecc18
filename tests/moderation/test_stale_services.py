"""Published services not verified for 180 days are listed for re-verification, and exported."""

import csv
import io
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from geoplan.registry.models import Service


def test_it_lists_a_service_verified_long_ago_and_not_one_verified_yesterday(
    client, site_of_a, moderator
):
    today = timezone.localdate()
    old, recent = Service.objects.filter(status="published")[:2]
    Service.objects.filter(pk=old.pk).update(
        name="Verified 200 days ago", last_verified=today - timedelta(days=200)
    )
    Service.objects.filter(pk=recent.pk).update(
        name="Verified yesterday", last_verified=today - timedelta(days=1)
    )
    stale_count = (
        Service.objects.filter(status="published")
        .exclude(last_verified__gte=today - timedelta(days=180))
        .count()
    )
    client.force_login(moderator)

    page = client.get(reverse("moderation:stale")).content.decode()

    assert "Verified 200 days ago" in page
    assert "Verified yesterday" not in page
    assert f"{stale_count} published services" in page

    exported = client.get(reverse("moderation:stale_csv"))
    assert exported["Content-Disposition"] == 'attachment; filename="stale.csv"'
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert len(rows) == stale_count
    names = [r["service"] for r in rows]
    assert "Verified 200 days ago" in names
    assert "Verified yesterday" not in names
    # Never verified first, then the longest ago.
    dated = [r["last_verified"] for r in rows if r["last_verified"]]
    assert dated == sorted(dated)
    assert all(not r["last_verified"] for r in rows[: len(rows) - len(dated)])
