"""The print layout of a scenario: the change in need-weighted unserved residents by zone on a
diverging scale, the proposals as symbols (added, moved, closed), the city-wide changes and the
zones the scenario changes most, as the scenario engine computes them."""

import re

import pytest

from geoplan.planning.scenarios import scenario_results

from .test_export_helpers import *  # noqa: F403

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(exporter, night_scenario):
    response = exporter.get(f"/plan/scenarios/{night_scenario.pk}/print/")
    assert response.status_code == 200, response.content
    return response.content.decode()


def test_the_map_shows_the_proposals_as_symbols(page):
    svg = re.search(r'<svg [^>]*class="print-map".*?</svg>', page, re.S).group(0)
    assert svg.count('class="sym-add"') == 2
    assert svg.count('class="sym-move"') == 1
    assert svg.count('class="sym-close"') == 1
    assert "<title>Nuovo dormitorio Lucento</title>" in svg
    assert "proposed new site" in page and "site closed" in page


def test_the_legend_is_diverging_around_no_change(page):
    legend = re.search(r'<ul class="swatches">(.*?)</ul>', page, re.S).group(1)
    labels = re.findall(r"</span>([^<]+)</li>", legend)
    # Seven classes as on the workspace's delta layer, then one for zones without data.
    assert len(labels) == 8
    assert labels[3] == "no change"
    assert all("fewer" in label for label in labels[:3])
    assert all("more" in label for label in labels[4:7])


def test_the_table_lists_the_zones_changed_most(page, night_scenario):
    results = scenario_results(night_scenario, "standard")
    zones = [
        z
        for z in results["zones"]
        if z["category"] == "night_shelter" and z["delta"]["need_weighted_unserved"]
    ]
    zones.sort(key=lambda z: (-abs(z["delta"]["need_weighted_unserved"]), z["zone"]))
    table = re.search(r'<section class="zones".*?</section>', page, re.S).group(0)
    codes = re.findall(r'<tr><td class="text"[^>]*>(\S+) ', table)
    assert codes == [z["zone"] for z in zones[:10]]
    assert codes


def test_it_sums_up_the_city(page, night_scenario):
    results = scenario_results(night_scenario, "standard")
    city = next(c for c in results["city"] if c["category"] == "night_shelter")
    summary = re.search(r'<section class="summary".*?</section>', page, re.S).group(0)
    before = f"{city['before']['residents_within_15']:,}"
    after = f"{city['after']['residents_within_15']:,}"
    assert f'<th scope="row">Residents within 15 min</th><td>{before}</td><td>{after}</td>' in (
        summary
    )
    assert f"scenario {night_scenario.pk}" in page
