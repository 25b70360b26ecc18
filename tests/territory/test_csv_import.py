"""The reader and error types both CSV importers share."""

import pytest

from geoplan.registry import site_import
from geoplan.territory import indicator_import
from geoplan.territory.csv_import import ImportRejected, RowError, read_csv


def test_both_importers_raise_the_one_shared_rejection():
    assert site_import.ImportRejected is indicator_import.ImportRejected is ImportRejected
    assert site_import.RowError is indicator_import.RowError is RowError


def test_it_refuses_a_header_missing_a_column_before_reading_any_row():
    with pytest.raises(ImportRejected) as exc:
        read_csv("a,c\n1,2\n", ["a", "b", "c"])
    assert [str(e) for e in exc.value.errors] == ["line 1: missing column(s) b"]


def test_it_yields_each_record_with_its_line_and_stripped_keys():
    rows = list(read_csv(' a , b \n1,2\n\n"x\ny",3\n', ["a", "b"]))
    assert rows == [(2, {"a": "1", "b": "2"}), (5, {"a": "x\ny", "b": "3"})]
