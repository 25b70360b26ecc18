import json

from django.conf import settings
from django.core.management import call_command
from django.db.models import Sum

from geoplan.territory.loading import load_territory
from geoplan.territory.models import (
    POPULATION_INDICATOR,
    Circoscrizione,
    City,
    IndicatorValue,
    Zone,
)

ZONES_FILE = settings.FIXTURES_DIR / "zones" / "zone_statistiche_pop2023.geojson"


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


def test_every_zone_gets_the_circoscrizione_holding_most_of_its_area(db):
    for zone in Zone.objects.select_related("circoscrizione"):
        best = max(Circoscrizione.objects.all(), key=lambda c: zone.geom.intersection(c.geom).area)
        assert zone.circoscrizione == best
    assert Zone.objects.values("circoscrizione").distinct().count() == 8


def test_over65_share_is_carried_from_the_circoscrizione_to_its_zones(db):
    zone = Zone.objects.select_related("circoscrizione").get(code="01")
    value = IndicatorValue.objects.get(zone=zone, indicator__code="over65_share")
    assert value.year is None  # the source does not state the year
    assert value.value == 26.1 and zone.circoscrizione.number == 1
