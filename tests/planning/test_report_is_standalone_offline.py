"""The scenario's map report is one HTML file that needs nothing from the internet: Leaflet
inlined from the project's static files, no CDN script or stylesheet, no base map (said on the
page), with the scenario's name, a legend, its city-wide changes and the credits."""

import re

import pytest

from .test_export_helpers import *  # noqa: F403
from .test_export_helpers import make_scenario

pytestmark = pytest.mark.django_db

EXTERNAL = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I
)


@pytest.fixture
def report(exporter, planner):
    scenario = make_scenario(planner, name="Dormitori <nord> & sud")
    response = exporter.get(f"/plan/scenarios/{scenario.pk}/report.html")
    assert response.status_code == 200, response.content
    return scenario, response, response.content.decode("utf-8")


def test_it_is_an_attachment_named_for_the_scenario(report):
    scenario, response, _html = report
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="scenario-{scenario.pk}-report.html"'
    )


def test_it_loads_no_script_or_stylesheet_from_elsewhere(report):
    _scenario, _response, html = report
    assert not EXTERNAL.search(html)
    # Every script is inline, and no stylesheet is linked at all.
    assert not re.search(r"<script\b[^>]*\bsrc=", html, re.I)
    assert not re.search(r"<link\b[^>]*stylesheet", html, re.I)
    for cdn in ("cdn.jsdelivr.net", "code.jquery.com", "cdnjs.cloudflare.com", "bootstrap"):
        assert cdn not in html
    # Leaflet itself, from django-leaflet's static files, and no tile layer.
    assert "Leaflet 1.9" in html and ".leaflet-container" in html
    assert "L.map(" in html and "L.tileLayer" not in html


def test_it_names_the_scenario_escaped(report):
    _scenario, _response, html = report
    assert "Dormitori &lt;nord&gt; &amp; sud" in html
    assert "Dormitori <nord>" not in html
    assert '<html lang="en">' in html


def test_it_has_a_legend_a_summary_and_the_credits(report):
    _scenario, _response, html = report
    assert 'id="report-legend"' in html
    assert "Need-weighted residents beyond 15 min, after the scenario" in html
    assert "proposed new site" in html and "site moved" in html and "site closed" in html
    assert "The whole city: Night shelter" in html
    assert "There is no base map" in html
    assert "© OpenStreetMap contributors (ODbL 1.0)" in html
    assert "openpolis/geojson-italy, © ISTAT (CC BY 4.0)" in html
    # ...and on the map itself, in Leaflet's attribution.
    assert "attributionControl.addAttribution(" in html
    # The zones are drawn with their classes' colours, the proposals as inline symbols.
    assert html.count('"fill": "#') >= 94
    assert html.count("report-symbol") >= 4
