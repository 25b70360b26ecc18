"""The monitoring page before any snapshot says so; with one snapshot each chart is a point with
no line; a category with no site has no minutes to chart and says "no site yet"."""

import re

import pytest
from django.urls import reverse

from geoplan.access.models import KpiSnapshot

pytestmark = pytest.mark.django_db


def page(client, planner, profile="standard") -> str:
    client.force_login(planner)
    response = client.get(reverse("planning:monitoring"), {"profile": profile})
    assert response.status_code == 200
    return response.content.decode()


def test_no_snapshot_yet_is_said_in_a_sentence(client, planner):
    KpiSnapshot.objects.all().delete()
    html = page(client, planner)
    assert "No snapshot yet for this walking speed" in html
    assert "<svg" not in html and 'class="kpi-category"' not in html


def test_one_snapshot_is_a_point_without_a_line(client, planner):
    assert KpiSnapshot.objects.filter(profile="slow", category="night_shelter").count() == 1
    html = page(client, planner, "slow")
    block = re.search(r'id="kpi-night_shelter".*?</section>', html, re.S).group(0)
    svgs = re.findall(r"<svg .*?</svg>", block, re.S)
    assert len(svgs) == 4
    for svg in svgs:
        assert svg.count("<circle") == 1 and "<path" not in svg
        assert 'viewBox="0 0 ' in svg and 'width="100%"' in svg
        assert re.search(r"<title id=[^>]+>[^<]+</title><desc id=[^>]+>One value, ", svg)
    assert block.count("the first snapshot") == 4


def test_a_category_without_a_site_says_no_site_yet(client, planner):
    html = page(client, planner)
    block = re.search(r'id="kpi-housing_first".*?</section>', html, re.S).group(0)
    assert "No site yet in the latest snapshot." in block
    share, unserved, mean, gini = re.findall(r"<svg .*?</svg>", block, re.S)
    for svg in (mean, gini):
        assert "<circle" not in svg and "no site yet" in svg
    assert share.count("<circle") == 1 and unserved.count("<circle") == 1
    assert block.count('<strong class="kpi-latest">no site yet</strong>') == 2
