"""import_indicator_layer: counts apportioned to the 94 zones, totals kept, bad layers refused."""

import json
from pathlib import Path

import pyogrio
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db.models import Sum

from geoplan.territory.models import Indicator, IndicatorLayer, IndicatorValue

LAYER = Path(settings.FIXTURES_DIR) / "indicators" / "ex_quartieri_counts.geojson"


def source_total(column: str) -> int:
    features = json.loads(LAYER.read_text(encoding="utf-8"))["features"]
    return sum(f["properties"][column] for f in features)


def zone_total(code: str) -> float:
    return IndicatorValue.objects.filter(indicator__code=code).aggregate(t=Sum("value"))["t"]


def test_every_shipped_count_sums_over_the_94_zones_to_the_source_total(db):
    for code in ("residents_c2017", "foreign_residents_c2017", "aged_65_plus_c2017"):
        assert IndicatorValue.objects.filter(indicator__code=code).count() == 94
        assert zone_total(code) == pytest.approx(source_total(code), abs=0.01)
    for code in ("labour_force_2011", "unemployed_prev_job_2011", "households_renting_2011"):
        assert zone_total(code) == pytest.approx(source_total(code), abs=0.01)


def test_the_city_foreign_share_from_zone_values_matches_the_source(db):
    share = zone_total("foreign_residents_c2017") / zone_total("residents_c2017") * 100
    assert round(share, 1) == 14.7
    assert share == pytest.approx(130_529 / 884_953 * 100, abs=1e-9)


def test_a_derived_count_is_the_difference_of_its_columns(db):
    expected = source_total("aged_6_plus_2011") - sum(
        source_total(c) for c in ("degree_2011", "upper_secondary_2011", "lower_secondary_2011")
    )
    assert zone_total("primary_or_less_2011") == pytest.approx(expected, abs=0.01)


def test_ratios_are_formed_from_apportioned_counts_with_their_provenance(db):
    share = Indicator.objects.get(code="foreign_share")
    assert share.kind == "ratio" and share.numerator.code == "foreign_residents_c2017"
    assert share.year == 2017 and share.year_note == "c. 2017"
    assert share.geography == "23 former quartieri, apportioned by population"
    assert share.layer.features == 23 and share.higher_means_more_need is True
    num = IndicatorValue.objects.get(indicator__code="foreign_residents_c2017", zone__code="48")
    den = IndicatorValue.objects.get(indicator__code="residents_c2017", zone__code="48")
    value = IndicatorValue.objects.get(indicator=share, zone__code="48").value
    assert value == pytest.approx(num.value / den.value * 100)


def test_the_five_shipped_need_indicators_have_labels_units_years_and_sources(db):
    for code, year in [
        ("foreign_share", 2017),
        ("over65_share_quartieri", 2017),
        ("unemployment_rate", 2011),
        ("low_education_share", 2011),
        ("renting_share", 2011),
    ]:
        i = Indicator.objects.get(code=code)
        assert i.label_it and i.label_en and i.label_it != i.label_en
        assert i.unit == "%" and i.year == year and i.source and i.in_default_need
    assert not Indicator.objects.get(code="over65_share").in_default_need


def test_importing_again_changes_nothing(db, capsys):
    call_command("load_indicators")
    out = capsys.readouterr().out
    assert "0 created, 0 updated" in out and "source total 130529.0, zones total 130529.0" in out


def test_a_layer_from_the_command_line_stores_counts_and_a_ratio(db, capsys):
    before = IndicatorValue.objects.count()
    call_command(
        "import_indicator_layer",
        str(LAYER),
        "--id-field=id_quart",
        "--counts=employed_2011,not_employed_2011=labour_force_2011-employed_2011",
        "--year=2011",
        "--source=ISTAT census 2011",
        "--repair-geometry",
        "--ratio=employment_rate=employed_2011/labour_force_2011",
    )
    assert IndicatorValue.objects.count() == before + 3 * 94
    assert zone_total("employed_2011") == pytest.approx(source_total("employed_2011"), abs=0.01)
    rate = Indicator.objects.get(code="employment_rate")
    assert rate.kind == "ratio" and rate.year == 2011 and rate.higher_means_more_need is None
    assert "source total" in capsys.readouterr().out


@pytest.fixture
def layer(tmp_path):
    """A copy of the real layer to spoil, and a check that a refusal changes nothing."""
    frame = pyogrio.read_dataframe(LAYER)
    counts = (
        IndicatorValue.objects.count(),
        Indicator.objects.count(),
        IndicatorLayer.objects.count(),
    )

    def write(frame, name="layer.geojson", **kwargs):
        path = tmp_path / name
        pyogrio.write_dataframe(frame, path, **kwargs)
        return path

    yield frame, write
    assert (
        IndicatorValue.objects.count(),
        Indicator.objects.count(),
        IndicatorLayer.objects.count(),
    ) == counts


def refused(path, *args, counts="employed_2011", id_field="id_quart"):
    with pytest.raises(CommandError) as exc:
        call_command(
            "import_indicator_layer",
            str(path),
            f"--id-field={id_field}",
            f"--counts={counts}",
            "--repair-geometry",
            *args,
        )
    assert "nothing changed" in str(exc.value)
    return str(exc.value)


def test_it_rejects_an_unknown_column(db, layer):
    frame, write = layer
    message = refused(write(frame), counts="employed_2011,jobless")
    assert "Unknown column(s) jobless" in message and "employed_2011" in message


def test_it_rejects_an_unknown_id_field(db, layer):
    frame, write = layer
    assert "id field 'quartiere'" in refused(write(frame), id_field="quartiere")


def test_it_rejects_a_count_that_is_not_a_number(db, layer):
    frame, write = layer
    frame["employed_2011"] = frame["employed_2011"].astype(object)
    frame.loc[3, "employed_2011"] = "n/a"
    bad = frame.loc[3, "id_quart"]
    assert f"'employed_2011' is not a number for polygon(s) {bad}." in refused(write(frame))


def test_it_rejects_an_invalid_geometry_unless_asked_to_mend_it(db, layer, tmp_path):
    frame, write = layer
    path = write(frame)
    with pytest.raises(CommandError, match="invalid geometry .*--repair-geometry"):
        call_command(
            "import_indicator_layer", str(path), "--id-field=id_quart", "--counts=employed_2011"
        )


def test_it_rejects_a_shape_that_cannot_be_mended(db, layer):
    from shapely.geometry import Polygon

    frame, write = layer
    # A bow tie: make_valid would turn it into two triangles of a different outline.
    frame.loc[0, "geometry"] = Polygon([(7.66, 45.06), (7.70, 45.08), (7.70, 45.06), (7.66, 45.08)])
    assert "cannot be mended" in refused(write(frame))


def test_it_rejects_a_layer_that_does_not_overlap_turin(db, layer):
    from shapely import affinity

    frame, write = layer
    frame["geometry"] = frame.geometry.map(lambda g: affinity.translate(g, xoff=2.0))  # to Milan
    assert "does not overlap Turin" in refused(write(frame))


def test_it_rejects_a_layer_without_a_declared_crs(db, layer):
    frame, write = layer
    with pytest.warns(UserWarning, match="'crs' was not provided"):
        path = write(frame.set_crs(None, allow_override=True), name="layer.gpkg", driver="GPKG")
    assert "declares no coordinate reference system" in refused(path)


def test_it_rejects_a_file_that_is_not_a_layer(db, layer, tmp_path):
    path = tmp_path / "counts.geojson"
    path.write_text("quartiere,employed\n1,20\n", encoding="utf-8")
    assert "not a readable GeoJSON or GeoPackage" in refused(path)


def test_it_rejects_a_polygon_that_only_touches_turin(db, layer):
    from shapely.geometry import box

    frame, write = layer
    # A square east of the city whose west edge runs along the boundary's easternmost point.
    east = frame.total_bounds[2]
    frame.loc[0, "geometry"] = box(east, 45.05, east + 0.05, 45.10)
    assert "mostly outside Turin" in refused(write(frame))


def test_a_spec_that_cannot_be_read_is_refused_with_a_sentence(db, tmp_path):
    spec = tmp_path / "spec.json"
    spec.write_text('{"file": "layer.geojson"}', encoding="utf-8")
    with pytest.raises(CommandError, match="not a readable indicator spec"):
        call_command("load_indicators", str(spec))
