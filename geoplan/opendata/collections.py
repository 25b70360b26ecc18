"""The feature collections of the OGC API: published sites, zones, and walking access by zone.

Each collection says what its features are (query, id, GeoJSON), how far they reach in space
(CRS84) and time, and how `bbox` and `datetime` select among them. Geometry is written by
PostGIS (ST_AsGeoJSON), so that zone outlines are never parsed into Python objects.
"""

import json
import math
import re
from datetime import UTC, datetime

from django.contrib.gis.db.models import Extent
from django.contrib.gis.db.models.functions import AsGeoJSON
from django.db.models import Max, Min, Prefetch, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from geoplan.access.models import AccessRun, Profile, ZoneAccess
from geoplan.analysis.measures import GAP_THRESHOLD_MIN
from geoplan.api.serializers import service_properties
from geoplan.registry.models import Service, ServiceCategory, Site
from geoplan.territory.models import POPULATION_INDICATOR, IndicatorValue, Zone

from . import licences
from .ogc_params import Interval

# Coordinates to 6 decimals: about 0.1 m, finer than any location here.
PRECISION = 6
ACCESS_PREFIX = "access-"
# A site's id as a number PostgreSQL's integer holds (ASCII digits only: "3²" is no id).
SITE_ID = re.compile(r"[0-9]{1,9}")


def _round(value, digits):
    return None if value is None else round(value, digits)


def _instant(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


def _years(first: int | None, last: int | None) -> list[str | None] | None:
    if first is None and last is None:
        return None
    return [
        f"{first}-01-01T00:00:00Z" if first else None,
        f"{last}-12-31T23:59:59Z" if last else None,
    ]


def _bbox(extent) -> list[float] | None:
    """The extent to PRECISION decimals, rounded outwards so that it still holds every feature."""
    if not extent:
        return None
    scale = 10**PRECISION
    low = [math.floor(v * scale) / scale for v in extent[:2]]
    high = [math.ceil(v * scale) / scale for v in extent[2:]]
    return low + high


def _years_range(interval: Interval) -> dict:
    """Field look-ups of a year column for the years `interval` overlaps."""
    lookups = {}
    if interval.start is not None:
        lookups["gte"] = interval.start.astimezone(UTC).year
    if interval.end is not None:
        lookups["lte"] = interval.end.astimezone(UTC).year
    return lookups


class Collection:
    id: str
    licence: licences.Licence

    @property
    def title(self) -> str:
        raise NotImplementedError

    @property
    def description(self) -> str:
        raise NotImplementedError

    def items(self) -> QuerySet:
        """Every feature, in a stable order (pages must not overlap)."""
        raise NotImplementedError

    def filter_bbox(self, items: QuerySet, box) -> QuerySet:
        raise NotImplementedError

    def filter_datetime(self, items: QuerySet, interval: Interval) -> QuerySet:
        raise NotImplementedError

    def get(self, feature_id: str):
        raise NotImplementedError

    def properties(self, record) -> dict:
        raise NotImplementedError

    def feature_id(self, record):
        raise NotImplementedError

    def spatial_extent(self) -> list[float] | None:
        raise NotImplementedError

    def temporal_extent(self) -> list[str | None] | None:
        raise NotImplementedError

    def feature(self, record) -> dict:
        return {
            "type": "Feature",
            "id": self.feature_id(record),
            "geometry": json.loads(record.geojson) if record.geojson else None,
            "properties": self.properties(record),
        }


class SitesCollection(Collection):
    """Located sites with at least one published service: the set of /api/sites/."""

    id = "sites"
    licence = licences.SITES

    @property
    def title(self):
        return _("Service sites")

    @property
    def description(self):
        return _(
            "Located sites in Turin with at least one published social service (night "
            "shelters, food distribution, neighbourhood houses, help desks, work and training), "
            "with their services, hours and how precisely each site is located. Records marked "
            "is_illustrative are examples, not real services."
        )

    def items(self):
        services = (
            Service.objects.published()
            .select_related("category")
            .prefetch_related("schedules", "closures")
        )
        return (
            Site.objects.located()
            .filter(pk__in=Service.objects.published().values("site_id"))
            .select_related("zone", "circoscrizione")
            .prefetch_related(Prefetch("services", services, to_attr="listed_services"))
            .annotate(geojson=AsGeoJSON("geom", precision=PRECISION))
            .order_by("pk")
        )

    def filter_bbox(self, items, box):
        return items.filter(geom__intersects=box)

    def filter_datetime(self, items, interval):
        # A site's time is the year its services' facts refer to (as_of_year).
        years = {f"as_of_year__{k}": v for k, v in _years_range(interval).items()}
        dated = Service.objects.published().filter(as_of_year__isnull=False, **years)
        return items.filter(pk__in=dated.values("site_id"))

    def get(self, feature_id):
        if not SITE_ID.fullmatch(feature_id):
            return None
        return self.items().filter(pk=int(feature_id)).first()

    def feature_id(self, site):
        return site.pk

    def properties(self, site):
        language = get_language() or "it"
        services = site.listed_services
        categories = {}
        for s in sorted(services, key=lambda s: (s.category.order, s.category.code)):
            categories.setdefault(s.category.code, s.category.name(language))
        return {
            "name": site.name,
            "address": site.address,
            "categories": list(categories),
            "category_names": list(categories.values()),
            "location_precision": site.location_precision,
            "location_precision_label": site.get_location_precision_display(),
            "zone": site.zone.code if site.zone else None,
            "circoscrizione": site.circoscrizione.number if site.circoscrizione else None,
            "is_illustrative": any(s.is_illustrative for s in services),
            "services": [service_properties(s, language) for s in services],
        }

    def spatial_extent(self):
        return _bbox(self.items().aggregate(extent=Extent("geom"))["extent"])

    def temporal_extent(self):
        years = Service.objects.published().aggregate(
            first=Min("as_of_year"), last=Max("as_of_year")
        )
        return _years(years["first"], years["last"])


def _zones_extent():
    return _bbox(Zone.objects.aggregate(extent=Extent("geom"))["extent"])


class ZonesCollection(Collection):
    """The 94 zone statistiche with their latest population."""

    id = "zones"
    licence = licences.ZONES

    @property
    def title(self):
        return _("Zone statistiche")

    @property
    def description(self):
        return _(
            "The 94 statistical zones of Turin (zone statistiche), the unit of the city's "
            "population data, with their residents, circoscrizione, area and density."
        )

    def items(self):
        return (
            Zone.objects.with_population()
            .select_related("circoscrizione")
            .annotate(geojson=AsGeoJSON("geom", precision=PRECISION))
            .defer("geom")
            .order_by("code")
        )

    def filter_bbox(self, items, box):
        return items.filter(geom__intersects=box)

    def filter_datetime(self, items, interval):
        years = {f"population_year__{k}": v for k, v in _years_range(interval).items()}
        return items.filter(population_year__isnull=False, **years)

    def get(self, feature_id):
        return self.items().filter(code=feature_id).first()

    def feature_id(self, zone):
        return zone.code

    def properties(self, zone):
        area_km2 = zone.area_m2.sq_km
        population = None if zone.population is None else int(round(zone.population))
        return {
            "code": zone.code,
            "name": zone.name,
            "circoscrizione": zone.circoscrizione.number,
            "circoscrizione_name": zone.circoscrizione.name,
            "population": population,
            "population_year": zone.population_year,
            "area_km2": round(area_km2, 4),
            "density_per_km2": round(population / area_km2, 1)
            if population is not None and area_km2
            else None,
        }

    def spatial_extent(self):
        return _zones_extent()

    def temporal_extent(self):
        years = IndicatorValue.objects.filter(indicator__code=POPULATION_INDICATOR).aggregate(
            first=Min("year"), last=Max("year")
        )
        return _years(years["first"], years["last"])


class AccessCollection(Collection):
    """The zone results of one category in the latest completed run for standard walkers."""

    licence = licences.ACCESS

    def __init__(self, category: ServiceCategory, run: AccessRun, zones_extent=None):
        self.category, self.run = category, run
        self.id = f"{ACCESS_PREFIX}{category.code}"
        # Given by a list of collections, which would otherwise measure the zones once each.
        self._extent = zones_extent

    @property
    def title(self):
        return _("Walking access to %(category)s, by zone") % {
            "category": self.category.name(get_language() or "it")
        }

    @property
    def description(self):
        return _(
            "For each zona statistica: mean walking minutes of its residents to the nearest "
            "%(category)s, the share within %(threshold)d minutes, the residents beyond them, the "
            "need index and the gap in people with its rank (1 = worst). Standard walker "
            "(4.5 km/h) over the street network; run %(run)d."
        ) % {
            "category": self.category.name(get_language() or "it"),
            "threshold": self.threshold_min,
            "run": self.run.pk,
        }

    @cached_property
    def threshold_min(self) -> int:
        return self.run.params.get("gap_threshold_min", GAP_THRESHOLD_MIN)

    def items(self):
        return (
            ZoneAccess.objects.filter(run=self.run, category=self.category.code)
            .select_related("zone")
            .annotate(geojson=AsGeoJSON("zone__geom", precision=PRECISION))
            .defer("zone__geom")
            .order_by("zone__code")
        )

    def filter_bbox(self, items, box):
        return items.filter(zone__geom__intersects=box)

    def filter_datetime(self, items, interval):
        # The results hold at the moment they were computed.
        finished = self.run.finished_at
        return items if interval.overlaps(finished, finished) else items.none()

    def get(self, feature_id):
        return self.items().filter(zone__code=feature_id).first()

    def feature_id(self, result):
        return result.zone.code

    def properties(self, r):
        return {
            "zone": r.zone.code,
            "zone_name": r.zone.name,
            "category": self.category.code,
            "population": r.population,
            "mean_min": _round(r.mean_min, 1),
            "share_within_15": _round(r.share_within_15, 3),
            "threshold_min": self.threshold_min,
            "residents_beyond": r.residents_beyond,
            "need": _round(r.need, 3),
            "need_01": _round(r.need_01, 3),
            "gap": _round(r.gap, 3),
            "gap_people": _round(r.gap_people, 0),
            "gap_rank": r.gap_rank,
            "gap_tied": r.gap_tied,
            "profile": self.run.profile,
            "run": self.run.pk,
            "computed_at": _instant(self.run.finished_at),
        }

    def spatial_extent(self):
        return self._extent or _zones_extent()

    def temporal_extent(self):
        finished = _instant(self.run.finished_at)
        return [finished, finished] if finished else None


def latest_run() -> AccessRun | None:
    return AccessRun.objects.latest_completed(Profile.STANDARD)


def all_collections() -> list[Collection]:
    found: list[Collection] = [SitesCollection(), ZonesCollection()]
    run = latest_run()
    if run is not None:
        computed = ZoneAccess.objects.filter(run=run).values("category")
        extent = _zones_extent()
        found += [
            AccessCollection(category, run, extent)
            for category in ServiceCategory.objects.filter(code__in=computed)
        ]
    return found


def find_collection(collection_id: str) -> Collection | None:
    if collection_id == SitesCollection.id:
        return SitesCollection()
    if collection_id == ZonesCollection.id:
        return ZonesCollection()
    if collection_id.startswith(ACCESS_PREFIX):
        code = collection_id.removeprefix(ACCESS_PREFIX)
        run = latest_run()
        category = ServiceCategory.objects.filter(code=code).first()
        if run and category and ZoneAccess.objects.filter(run=run, category=code).exists():
            return AccessCollection(category, run)
    return None
