"""A name that a spreadsheet would read as a formula (=, +, -, @) is written as text, with a
leading apostrophe, in both CSV and XLSX; numbers stay numbers."""

import io

import pytest
from openpyxl import load_workbook

from geoplan.planning.table_files import safe_text
from geoplan.territory.models import Zone

from .test_export_helpers import *  # noqa: F403
from .test_export_helpers import csv_rows

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://example.org","x")'


def test_formula_starts_are_neutralised():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert safe_text(text) == "'" + text
    assert safe_text("Borgo San Paolo") == "Borgo San Paolo"


@pytest.mark.parametrize("name", [FORMULA, "+39 011", "-Borgo", "@SUM(1)"])
def test_a_zone_named_like_a_formula_stays_text(exporter, name):
    Zone.objects.filter(code="01").update(name=name)
    csv_response = exporter.get("/plan/export/zones.csv?category=night_shelter")
    _header, rows = csv_rows(csv_response)
    assert rows[0][:2] == ["01", "'" + name]

    xlsx = exporter.get("/plan/export/zones.xlsx?category=night_shelter")
    sheet = load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert sheet["B2"].value == "'" + name
    assert sheet["B2"].data_type == "s"
    # Negative numbers are numbers, not guarded text.
    assert isinstance(sheet["D2"].value, int)
