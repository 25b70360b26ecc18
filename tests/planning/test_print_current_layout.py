"""The print layout of the current state: an A4 landscape page with a server-drawn SVG map of
the 94 zones (gap classes), the category's sites, a legend, the ten worst zones of the run,
and its sources and licences; no script needed to read it."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

from geoplan.access.inputs import sites_frame
from geoplan.access.models import AccessRun, ZoneAccess

from .test_export_helpers import *  # noqa: F403

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(exporter):
    response = exporter.get("/plan/print/?category=night_shelter&profile=slow")
    assert response.status_code == 200, response.content
    return response.content.decode()


def test_the_map_draws_every_zone_and_site(page):
    svg = re.search(r"<svg [^>]*class=\"print-map\".*?</svg>", page, re.S).group(0)
    zones = re.search(r'<g class="zones".*?</g>', svg, re.S).group(0)
    assert zones.count("<path ") == 94
    sites = re.search(r'<g class="sites">(.*?)</g>', svg, re.S).group(1)
    frame = sites_frame()
    assert (
        sites.count("<circle") == frame.loc[frame.category == "night_shelter", "site_id"].nunique()
    )
    assert 'class="north"' in svg and 'class="scale"' in svg
    # Simplified outlines keep the page small.
    assert len(page) < 120_000


def test_the_table_lists_the_ten_worst_zones_of_the_run(page):
    run = AccessRun.objects.latest_completed("slow")
    worst = list(
        ZoneAccess.objects.filter(run=run, category="night_shelter", gap_rank__isnull=False)
        .order_by("gap_rank", "zone__code")
        .values_list("gap_rank", "zone__code")[:10]
    )
    table = re.search(r'<section class="zones".*?</section>', page, re.S).group(0)
    rows = re.findall(r"<tr><td>(\d+)</td><td class=\"text\"[^>]*>(\S+) ", table)
    assert [(int(rank), code) for rank, code in rows] == worst


def test_it_names_the_run_the_sources_and_the_licence(page):
    run = AccessRun.objects.latest_completed("slow")
    assert f"run {run.pk}, computed " in page
    assert "slow walker (3.0 km/h)" in page
    assert "© OpenStreetMap contributors (ODbL 1.0)" in page
    assert "Città di Torino (aperTO) (CC BY 4.0)" in page
    assert "openpolis/geojson-italy, © ISTAT (CC BY 4.0)" in page
    assert "Walking access gap: Night shelter" in page


def test_it_is_one_a4_landscape_page_with_a_print_button_hidden_in_print(page):
    assert 'href="/static/css/print.css"' in page
    css = Path(finders.find("css/print.css")).read_text(encoding="utf-8")
    assert "@page { size: A4 landscape; margin: 10mm; }" in css
    assert re.search(r"@media print \{[^@]*\.screen-only \{ display: none", css)
    assert re.search(r'<nav class="screen-only toolbar".*id="print-button"', page, re.S)
