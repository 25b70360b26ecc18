import json

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Sum

from geoplan.territory.loading import load_territory
from geoplan.territory.models import (
    METRIC_SRID,
    POPULATION_INDICATOR,
    Circoscrizione,
    City,
    IndicatorValue,
    Zone,
)

ZONES_FILE = settings.FIXTURES_DIR / "zones" / "zone_statistiche_pop2023.geojson"
FULL_FILE = settings.FIXTURES_DIR / "boundaries" / "circoscrizioni_full.geojson"


def test_it_loads_the_city_the_8_circoscrizioni_and_the_94_zones(db):
    assert City.objects.count() == 1
    assert Circoscrizione.objects.count() == 8
    assert Zone.objects.count() == 94
    assert City.turin().geom.area > 0


def test_zone_populations_sum_exactly_to_the_source(db):
    with open(ZONES_FILE, encoding="utf-8") as fh:
        source = {
            f["properties"]["ZONASTAT"]: f["properties"]["pop2023"]
            for f in json.load(fh)["features"]
        }
    values = IndicatorValue.objects.filter(indicator__code=POPULATION_INDICATOR, year=2023)
    assert values.aggregate(total=Sum("value"))["total"] == sum(source.values()) == 860_973
    assert {v.zone.code: v.value for v in values.select_related("zone")} == source


def test_a_second_load_changes_nothing(db):
    before = {
        m.__name__: sorted(m.objects.values_list("pk", flat=True))
        for m in (City, Circoscrizione, Zone, IndicatorValue)
    }
    report = load_territory()
    assert all(c["created"] == 0 and c["updated"] == 0 for c in report.values())
    after = {
        m.__name__: sorted(m.objects.values_list("pk", flat=True))
        for m in (City, Circoscrizione, Zone, IndicatorValue)
    }
    assert before == after


def test_the_command_prints_counts(db, capsys):
    call_command("load_territory")
    out = capsys.readouterr().out
    assert "zones: 94 (0 created, 0 updated, 94 unchanged)" in out
    assert "circoscrizioni: 8" in out


def _metric(geom):
    return geom.transform(METRIC_SRID, clone=True)


def test_every_zone_gets_the_circoscrizione_holding_most_of_its_area_in_square_metres(db):
    outlines = [(c, _metric(c.geom)) for c in Circoscrizione.objects.all()]
    for zone in Zone.objects.select_related("circoscrizione"):
        zone_m = _metric(zone.geom)
        best = max(outlines, key=lambda c: zone_m.intersection(c[1]).area)[0]
        assert zone.circoscrizione == best
    assert Zone.objects.values("circoscrizione").distinct().count() == 8


def test_zones_split_about_60_40_go_to_the_majority_circoscrizione(db):
    outlines = {c.number: _metric(c.geom) for c in Circoscrizione.objects.all()}
    for code in ("47", "49"):
        zone = Zone.objects.select_related("circoscrizione").get(code=code)
        zone_m = _metric(zone.geom)
        shares = {n: zone_m.intersection(g).area / zone_m.area for n, g in outlines.items()}
        assert 0.55 < shares[5] < 0.65 and 0.35 < shares[4] < 0.45
        assert zone.circoscrizione.number == 5


def test_the_circoscrizioni_are_the_full_outlines_named_as_the_source(db):
    with open(FULL_FILE, encoding="utf-8") as fh:
        source = {
            f["properties"]["NCIRCO"]: f["properties"]["DENOM"] for f in json.load(fh)["features"]
        }
    assert dict(Circoscrizione.objects.values_list("number", "name")) == source
    assert sorted(source) == list(range(1, 9))
    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(ST_Area(geom::geography)) / 1e6 FROM territory_circoscrizione")
        (total_km2,) = cursor.fetchone()
    assert abs(total_km2 - 130.06) < 0.05
    # Full detail: thousands of vertices, where the simplified outlines had a few hundred.
    assert sum(c.geom.num_coords for c in Circoscrizione.objects.all()) > 3000


def test_over65_share_is_carried_from_the_circoscrizione_to_its_zones(db):
    zone = Zone.objects.select_related("circoscrizione").get(code="01")
    value = IndicatorValue.objects.get(zone=zone, indicator__code="over65_share")
    assert value.year is None  # the source does not state the year
    assert value.value == 26.1 and zone.circoscrizione.number == 1
