"""The current zone table as XLSX: the same rows as the CSV, numbers stored as numbers, a bold
frozen header, set column widths, and an "About" sheet with parameters, run and licences."""

import io

import pytest
from openpyxl import load_workbook

from geoplan.access.models import AccessRun

from .test_export_current_table_csv import expected
from .test_export_helpers import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_it_holds_the_zone_results_as_numbers(exporter):
    response = exporter.get("/plan/export/zones.xlsx?category=night_shelter&profile=slow")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Zone", "Zone name", "Circoscrizione")
    run = AccessRun.objects.latest_completed("slow")
    assert [list(r) for r in rows[1:]] == expected(run, "night_shelter")
    assert all(isinstance(r[3], int) for r in rows[1:])  # residents
    assert any(isinstance(r[6], float) for r in rows[1:])  # share within 15
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["C"].width > 0


def test_its_about_sheet_names_the_run_and_the_licences(exporter):
    response = exporter.get("/plan/export/zones.xlsx?category=night_shelter")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[1] == "About"
    about = dict(book["About"].iter_rows(values_only=True, max_col=2))
    text = "\n".join(f"{k}: {v}" for k, v in book["About"].iter_rows(values_only=True))
    run = AccessRun.objects.latest_completed("standard")
    assert about["Category"] == "Night shelter (night_shelter)"
    assert about["Run"].startswith(f"run {run.pk}, computed ")
    assert about["Walking profile"].startswith("standard walker")
    assert "© OpenStreetMap contributors (ODbL 1.0)" in text
    assert "Città di Torino (aperTO) (CC BY 4.0)" in text
    assert "openpolis/geojson-italy, © ISTAT (CC BY 4.0)" in text
    assert about["Exported"]
