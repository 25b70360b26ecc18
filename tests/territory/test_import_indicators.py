import pytest
from django.core.management import CommandError, call_command

from geoplan.territory.indicator_import import ImportRejected, import_indicator_values
from geoplan.territory.models import Indicator, IndicatorValue

HEADER = "zone_code,indicator,year,value\n"


def snapshot():
    return sorted(
        IndicatorValue.objects.values_list("zone__code", "indicator__code", "year", "value")
    )


def test_it_imports_valid_rows(unemployment):
    result = import_indicator_values(HEADER + "01,unemployment,2023,7.5\n02,unemployment,2023,9\n")
    assert (result.created, result.updated) == (2, 0)
    assert IndicatorValue.objects.get(zone__code="02", indicator=unemployment).value == 9.0
    again = import_indicator_values(HEADER + "01,unemployment,2023,7.5\n02,unemployment,2023,9\n")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("99X,unemployment,2023,7.5", "line 3: unknown zone '99X'"),
        ("02,nonsense,2023,7.5", "line 3: unknown indicator 'nonsense'"),
        ("02,unemployment,2023,7,5", "line 3: more fields than the header"),
        ("02,unemployment,2023,abc", "line 3: value 'abc' is not a number"),
        ("02,unemployment,20x3,1", "line 3: year '20x3' is not a year"),
        ("01,unemployment,2023,8", "line 3: duplicate of line 2"),
        ("02,unemployment,2023,nan", "line 3: value 'nan' is not a number"),
    ],
)
def test_it_rejects_a_bad_row_with_its_line_and_changes_nothing(unemployment, row, reason):
    before = snapshot()
    with pytest.raises(ImportRejected) as exc:
        import_indicator_values(HEADER + "01,unemployment,2023,7.5\n" + row + "\n")
    assert exc.value.errors[0].line == 3
    assert str(exc.value).startswith(reason)
    assert snapshot() == before


def test_it_reports_every_bad_row_not_just_the_first(unemployment):
    with pytest.raises(ImportRejected) as exc:
        import_indicator_values(HEADER + "XX,unemployment,2023,1\n01,unemployment,2023,x\n")
    assert [e.line for e in exc.value.errors] == [2, 3]


def test_it_rejects_a_file_without_the_required_columns(db):
    with pytest.raises(ImportRejected, match="missing column"):
        import_indicator_values("zone,indicator,value\n01,population,3\n")


def test_the_command_exits_with_the_reasons(unemployment, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "01,unemployment,2023,7.5\nX77,unemployment,2023,1\n", encoding="utf-8"
    )
    before = snapshot()
    with pytest.raises(CommandError, match="line 3: unknown zone 'X77'"):
        call_command("import_indicators", str(path))
    assert snapshot() == before


def rejected(row):
    """The one error for a file whose only data row is `row`; nothing changed."""
    before = snapshot()
    with pytest.raises(ImportRejected) as exc:
        import_indicator_values(HEADER + row + "\n")
    assert snapshot() == before
    [error] = exc.value.errors
    assert error.line == 2
    return error.reason


def test_it_rejects_a_population_that_is_not_a_whole_number(db):
    assert rejected("01,population,2030,1234.5") == "population '1234.5' is not a whole number ≥ 0"


def test_it_rejects_a_negative_population(db):
    assert rejected("01,population,2030,-3") == "population '-3' is not a whole number ≥ 0"


def test_it_accepts_a_population_written_with_a_decimal_zero(db):
    import_indicator_values(HEADER + "01,population,2030,1234.0\n")
    assert IndicatorValue.objects.get(zone__code="01", indicator__code="population", year=2030)


def test_it_rejects_a_percentage_above_100(unemployment):
    assert rejected("01,unemployment,2023,100.5") == "value '100.5' is a percentage outside 0–100"


def test_it_rejects_a_negative_percentage(unemployment):
    assert rejected("01,unemployment,2023,-0.1") == "value '-0.1' is a percentage outside 0–100"


def test_it_accepts_percentages_of_0_and_100(unemployment):
    result = import_indicator_values(HEADER + "01,unemployment,2023,0\n02,unemployment,2023,100\n")
    assert result.created == 2


def test_it_leaves_values_of_other_units_unbounded(db):
    Indicator.objects.create(
        code="rent", label_it="Affitto", label_en="Rent", unit="EUR", source="test"
    )
    assert import_indicator_values(HEADER + "01,rent,2023,-250\n").created == 1


# Far over the csv module's field limit (131,072 characters): the reader itself gives up.
UNREADABLE = HEADER + "01,unemployment,2023,7.5\n02," + "x" * 140_000 + ",2023,1\n"


def test_it_rejects_a_file_the_csv_module_cannot_read_with_the_line(unemployment):
    with pytest.raises(ImportRejected) as exc:
        import_indicator_values(UNREADABLE)
    [error] = exc.value.errors
    assert error.line == 3
    assert error.reason.startswith("the file cannot be read as CSV: field larger than field limit")
    assert not IndicatorValue.objects.filter(indicator=unemployment).exists()


def test_the_command_refuses_a_file_the_csv_module_cannot_read(unemployment, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(UNREADABLE, encoding="utf-8")
    with pytest.raises(CommandError, match="line 3: the file cannot be read as CSV"):
        call_command("import_indicators", str(path))
    assert not IndicatorValue.objects.filter(indicator=unemployment).exists()
