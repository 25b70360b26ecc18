"""/plan/monitoring.csv and .xlsx hold every snapshot as rows equal to /api/kpis/ (the same
columns, ISO dates, unformatted numbers), filtered alike, under a dated file name; the CSV starts
with a byte-order mark (accented names read right in a spreadsheet); XLSX has one sheet, named in
the reader's language, with a bold frozen header; other formats are not found and bad filters
are refused."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db

INTS = {"run", "population", "n_sites"}
FLOATS = {"share_within_15", "need_weighted_unserved", "mean_min", "gini_nearest_min"}


def typed(key, text):
    if text in ("", None):
        return None
    if key in INTS:
        return int(text)
    if key in FLOATS:
        return float(text)
    return text


@pytest.fixture
def signed_in(client, planner):
    client.force_login(planner)
    return client


def api_rows(client, **query):
    return client.get(reverse("api:kpis"), query).json()


@pytest.mark.parametrize("query", [{}, {"profile": "slow"}, {"category": "housing_first"}])
def test_the_csv_reads_back_as_the_api(signed_in, query):
    response = signed_in.get(reverse("planning:monitoring-export", args=["csv"]), query)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    day = timezone.localdate().isoformat()
    assert response["Content-Disposition"].endswith(f'-{day}.csv"')
    assert response.content.startswith("\ufeff".encode())
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    rows = [{k: typed(k, v) for k, v in row.items()} for row in reader]
    expected = api_rows(signed_in, **query)
    assert reader.fieldnames == list(expected[0])
    assert rows == expected


@pytest.mark.parametrize("query", [{}, {"profile": "standard", "category": "night_shelter"}])
def test_the_xlsx_reads_back_as_the_api(signed_in, query):
    response = signed_in.get(reverse("planning:monitoring-export", args=["xlsx"]), query)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="kpi-snapshots-')
    book = load_workbook(io.BytesIO(response.content))
    assert len(book.worksheets) == 1
    sheet = book.active
    assert sheet.title == "KPI snapshots"
    assert sheet.freeze_panes == "A2"
    header = [c.value for c in sheet[1]]
    assert all(c.font.bold for c in sheet[1])
    assert all(sheet.column_dimensions[c.column_letter].width >= len(c.value) for c in sheet[1])
    rows = [
        dict(zip(header, values, strict=True)) for values in sheet.iter_rows(2, values_only=True)
    ]
    expected = api_rows(signed_in, **query)
    assert len(rows) == len(expected) > 0
    for row, want in zip(rows, expected, strict=True):
        # A workbook keeps 16 significant digits: the 17th of a float may differ.
        assert row == {
            k: pytest.approx(v, rel=1e-15) if k in FLOATS and v is not None else v
            for k, v in want.items()
        }


@pytest.mark.parametrize("fmt", ["pdf", "json", "CSV"])
def test_other_formats_are_not_found(signed_in, fmt):
    response = signed_in.get(reverse("planning:monitoring-export", args=[fmt]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "query, field", [({"profile": "fast"}, "profile"), ({"category": "castles"}, "category")]
)
def test_a_bad_filter_is_refused_by_name(signed_in, query, field):
    response = signed_in.get(reverse("planning:monitoring-export", args=["csv"]), query)
    assert response.status_code == 400
    assert response.content.decode().startswith(f"{field}:")
