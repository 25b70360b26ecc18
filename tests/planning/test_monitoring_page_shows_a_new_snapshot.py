"""A completed recompute adds a snapshot: each chart of the monitoring page gets one point more,
the table a row more, and the latest value is told with its change since the first snapshot."""

import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import timezone

from geoplan.access.models import KpiSnapshot
from geoplan.access.services import run_access
from geoplan.registry.models import Service, Status

pytestmark = pytest.mark.django_db


def section(html: str, category: str) -> str:
    match = re.search(
        rf'<section class="kpi-category" id="kpi-{category}".*?</section>', html, re.S
    )
    assert match, category
    return match.group(0)


def charts(block: str) -> list[str]:
    return re.findall(r"<svg .*?</svg>", block, re.S)


def page(client, profile="standard") -> str:
    response = client.get(reverse("planning:monitoring"), {"profile": profile})
    assert response.status_code == 200
    return response.content.decode()


def test_a_new_run_adds_a_point_to_every_chart(client, planner):
    client.force_login(planner)
    before = section(page(client), "night_shelter")
    run, created = run_access("standard", force=True)
    assert created
    after = section(page(client), "night_shelter")
    for old, new in zip(charts(before), charts(after), strict=True):
        assert new.count("<circle") == old.count("<circle") + 1
        assert '<path class="line"' in new
    assert after.count("<tr>") == before.count("<tr>") + 1
    assert f"<td>{run.pk}</td>" in after


def test_the_latest_value_is_told_with_its_change_since_the_first(client, planner):
    client.force_login(planner)
    first = KpiSnapshot.objects.get(category="night_shelter", profile="standard")
    # One night shelter fewer: fewer residents within 15 minutes.
    gone = Service.objects.published().filter(category__code="night_shelter").first()
    Service.objects.filter(pk=gone.pk).update(status=Status.ARCHIVED)
    run, created = run_access("standard")
    assert created
    latest = KpiSnapshot.objects.get(run=run, category="night_shelter")
    assert latest.share_within_15 < first.share_within_15
    points = (first.share_within_15 - latest.share_within_15) * 100
    since = timezone.localtime(first.taken_at).strftime("%-d %b %Y")
    block = unescape(section(page(client), "night_shelter"))
    assert f"{latest.share_within_15 * 100:.1f}%" in block
    assert f"−{points:.1f} points since {since} (worse)" in block
    assert f"{latest.n_sites} published services counted" in block
