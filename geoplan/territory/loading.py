"""Loads Turin's territory from the real data in fixtures/ (see fixtures/ATTRIBUTION.md).

Shared by the `load_territory` command and the tests. Every load is an upsert keyed by the
official codes, so running it twice changes nothing.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.gis.geos import GEOSGeometry, MultiPolygon
from django.db import transaction

from .changes import assign_changed
from .models import (
    METRIC_SRID,
    POPULATION_INDICATOR,
    Circoscrizione,
    City,
    Indicator,
    IndicatorValue,
    Zone,
)

OVER65_INDICATOR = "over65_share"

INDICATORS = {
    POPULATION_INDICATOR: {
        "label_it": "Popolazione residente",
        "label_en": "Resident population",
        "unit": "residents",
        "source": "Città di Torino – aperTO, Popolazione per sesso e zone statistiche (CC BY 4.0)",
        "level": Indicator.Level.ZONE,
        "higher_means_more_need": None,
    },
    OVER65_INDICATOR: {
        "label_it": "Quota di residenti con 65 anni e più",
        "label_en": "Share of residents aged 65 and over",
        "unit": "%",
        "source": "Città di Torino – aperTO (CC BY 4.0), per circoscrizione; year not stated",
        "level": Indicator.Level.CIRCOSCRIZIONE,
        "higher_means_more_need": True,
    },
}


@dataclass
class TerritoryFiles:
    city: Path
    # Outlines at full detail (NCIRCO, DENOM); the over-65 share comes from the simplified file.
    circoscrizioni: Path
    over65: Path
    zones: Path

    @classmethod
    def default(cls):
        root = Path(settings.FIXTURES_DIR)
        return cls(
            city=root / "boundaries" / "torino_municipality.geojson",
            circoscrizioni=root / "boundaries" / "circoscrizioni_full.geojson",
            over65=root / "boundaries" / "circoscrizioni_over65.geojson",
            zones=root / "zones" / "zone_statistiche_pop2023.geojson",
        )


def _features(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)["features"]


def _multipolygon(geometry: dict) -> MultiPolygon:
    geom = GEOSGeometry(json.dumps(geometry), srid=4326)
    if not geom.valid:
        geom = geom.make_valid()
    if geom.geom_type == "Polygon":
        geom = MultiPolygon(geom, srid=4326)
    if geom.geom_type != "MultiPolygon":
        raise ValueError(f"expected a polygon, got {geom.geom_type}")
    return geom


def _metric(geom):
    return geom.transform(METRIC_SRID, clone=True)


def _majority_circoscrizione(zone_geom, circoscrizioni):
    """The circoscrizione holding most of the zone's area, measured in m² (EPSG:32632).

    `circoscrizioni` is a list of (circoscrizione, its outline in EPSG:32632). Zones do not nest
    exactly in the circoscrizioni (zones 47 and 49 are split about 60/40).
    """
    zone_m = _metric(zone_geom)
    return max(circoscrizioni, key=lambda c: zone_m.intersection(c[1]).area)[0]


def _sync(model, lookup: dict, values: dict) -> str:
    """Create or update one row; report 'created', 'updated' or 'unchanged'."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        model.objects.create(**lookup, **values)
        return "created"
    changed = assign_changed(obj, values)
    if not changed:
        return "unchanged"
    obj.save(update_fields=changed)
    return "updated"


@transaction.atomic
def load_territory(files: TerritoryFiles | None = None) -> dict[str, dict[str, int]]:
    """Upsert city, circoscrizioni, zones and the population and over-65 indicators."""
    files = files or TerritoryFiles.default()
    report: dict[str, dict[str, int]] = {}

    def count(kind: str, outcome: str):
        report.setdefault(kind, {"created": 0, "updated": 0, "unchanged": 0})[outcome] += 1

    (city,) = _features(files.city)
    count(
        "city",
        _sync(
            City,
            {"istat_code": city["properties"]["com_istat_code"]},
            {"name": city["properties"]["name"], "geom": _multipolygon(city["geometry"])},
        ),
    )

    over65 = {
        int(f["properties"]["ncirco"]): float(f["properties"]["over65_pct"])
        for f in _features(files.over65)
    }
    for f in _features(files.circoscrizioni):
        props = f["properties"]
        number = int(props["NCIRCO"])
        if number not in over65:
            raise ValueError(f"circoscrizione {number} has no over-65 share in {files.over65}")
        count(
            "circoscrizioni",
            _sync(
                Circoscrizione,
                {"number": number},
                {"name": props["DENOM"], "geom": _multipolygon(f["geometry"])},
            ),
        )
    circoscrizioni = [(c, _metric(c.geom)) for c in Circoscrizione.objects.all()]

    indicators = {}
    for code, values in INDICATORS.items():
        count("indicators", _sync(Indicator, {"code": code}, values))
        indicators[code] = Indicator.objects.get(code=code)

    for f in _features(files.zones):
        props = f["properties"]
        geom = _multipolygon(f["geometry"])
        circ = _majority_circoscrizione(geom, circoscrizioni)
        count(
            "zones",
            _sync(
                Zone,
                {"code": str(props["ZONASTAT"])},
                {"name": props["DENOM"], "geom": geom, "circoscrizione": circ},
            ),
        )
        zone = Zone.objects.get(code=str(props["ZONASTAT"]))
        count(
            "indicator values",
            _sync(
                IndicatorValue,
                {"zone": zone, "indicator": indicators[POPULATION_INDICATOR], "year": 2023},
                {"value": float(props["pop2023"])},
            ),
        )
        count(
            "indicator values",
            _sync(
                IndicatorValue,
                {"zone": zone, "indicator": indicators[OVER65_INDICATOR], "year": None},
                {"value": over65[circ.number]},
            ),
        )
    return report
