"""The territory of Turin: city boundary, circoscrizioni, zone statistiche and need indicators.

Geometry is stored in EPSG:4326 (WGS 84); areas are measured on the geography type (square metres).
"""

from django.contrib.gis.db import models
from django.contrib.gis.db.models.functions import Area, Transform
from django.db.models import F, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from .constraints import ValidGeometryConstraint

SRID = 4326
# Metric work (areas, distances) in one projected CRS: UTM zone 32N covers Turin.
METRIC_SRID = 32632
POPULATION_INDICATOR = "population"


class City(models.Model):
    name = models.CharField(_("name"), max_length=100)
    istat_code = models.CharField(_("ISTAT code"), max_length=6, unique=True)
    geom = models.MultiPolygonField(_("boundary"), srid=SRID)

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [ValidGeometryConstraint(field="geom", name="city_geom_valid")]

    def __str__(self):
        return self.name

    TURIN_ISTAT_CODE = "001272"

    @classmethod
    def turin(cls):
        return cls.objects.get(istat_code=cls.TURIN_ISTAT_CODE)


class Circoscrizione(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    name = models.CharField(_("name"), max_length=100)
    geom = models.MultiPolygonField(_("outline"), srid=SRID)

    class Meta:
        ordering = ["number"]
        verbose_name = _("circoscrizione")
        verbose_name_plural = _("circoscrizioni")
        constraints = [ValidGeometryConstraint(field="geom", name="circ_geom_valid")]

    def __str__(self):
        return f"{self.number} – {self.name}"


class ZoneQuerySet(models.QuerySet):
    def with_population(self, year=None):
        values = IndicatorValue.objects.filter(
            zone=OuterRef("pk"), indicator__code=POPULATION_INDICATOR
        )
        if year is not None:
            values = values.filter(year=year)
        # Latest dated year first (PostgreSQL would otherwise put undated values first).
        latest = values.order_by(F("year").desc(nulls_last=True))
        return self.annotate(
            population=Subquery(latest.values("value")[:1]),
            population_year=Subquery(latest.values("year")[:1]),
            area_m2=Area(Transform("geom", METRIC_SRID)),
        )

    def densities_per_km2(self) -> list[float]:
        """Residents per km² of every zone with a population (queryset from with_population)."""
        return [d for d in (density_per_km2(z) for z in self) if d is not None]

    def containing(self, point):
        return self.filter(geom__intersects=point)


def density_per_km2(zone) -> float | None:
    """Residents per km² of a zone annotated by ZoneQuerySet.with_population()."""
    if zone.population is None or not zone.area_m2.sq_km:
        return None
    return zone.population / zone.area_m2.sq_km


class Zone(models.Model):
    """A zona statistica: the unit of Turin's population data."""

    code = models.CharField(_("code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=100)
    circoscrizione = models.ForeignKey(
        Circoscrizione,
        verbose_name=_("circoscrizione"),
        on_delete=models.PROTECT,
        related_name="zones",
        help_text=_(
            "The circoscrizione holding most of the zone's area (zones do not nest exactly)."
        ),
    )
    geom = models.MultiPolygonField(_("outline"), srid=SRID)

    objects = ZoneQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("zona statistica")
        verbose_name_plural = _("zone statistiche")
        constraints = [ValidGeometryConstraint(field="geom", name="zone_geom_valid")]

    def __str__(self):
        return f"{self.code} {self.name}"


class IndicatorLayer(models.Model):
    """A polygon layer whose counts were apportioned to the zones: the provenance of its indicators."""

    name = models.CharField(_("layer"), max_length=200)
    file_name = models.CharField(_("file"), max_length=300)
    sha256 = models.CharField(_("file hash (sha256)"), max_length=64)
    id_field = models.CharField(_("id field"), max_length=100)
    geography = models.CharField(
        _("geography"), max_length=200, help_text=_("e.g. 23 former quartieri")
    )
    features = models.PositiveIntegerField(_("polygons"))
    imported_at = models.DateTimeField(_("imported"), auto_now=True)

    class Meta:
        verbose_name = _("indicator layer")
        verbose_name_plural = _("indicator layers")
        constraints = [
            models.UniqueConstraint(fields=["file_name", "id_field"], name="one_layer_per_file")
        ]

    def __str__(self):
        return f"{self.name} ({self.geography})"


class Indicator(models.Model):
    class Level(models.TextChoices):
        ZONE = "zone", _("zona statistica")
        CIRCOSCRIZIONE = "circoscrizione", _("circoscrizione (applied to each of its zones)")
        APPORTIONED = "apportioned", _("another geography, apportioned to zones by population")

    class Kind(models.TextChoices):
        VALUE = "value", _("value given per zone")
        COUNT = "count", _("count (apportioned)")
        RATIO = "ratio", _("ratio of two counts")

    code = models.SlugField(_("code"), max_length=50, unique=True)
    label_it = models.CharField(_("label (Italian)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50)
    source = models.CharField(_("source"), max_length=300)
    level = models.CharField(_("measured per"), max_length=20, choices=Level, default=Level.ZONE)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.VALUE)
    higher_means_more_need = models.BooleanField(
        _("higher means more need"),
        null=True,
        help_text=_("Empty for context figures (such as population) that are not part of need."),
    )
    in_default_need = models.BooleanField(
        _("in the default need profile"),
        default=False,
        help_text=_("Taken, with equal weight, into the need profile of a new service category."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Year the figures refer to, if stated.")
    )
    year_note = models.CharField(
        _("year as stated"), max_length=50, blank=True, help_text=_("e.g. c. 2017")
    )
    geography = models.CharField(
        _("geography of origin"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 23 former quartieri, apportioned by population"),
    )
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    method = models.TextField(_("method"), blank=True)
    layer = models.ForeignKey(
        IndicatorLayer,
        verbose_name=_("source layer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    numerator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    denominator = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scale = models.FloatField(
        _("scale"), default=100.0, help_text=_("A ratio is numerator / denominator × scale.")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            # A ratio names both its counts; nothing else names any.
            models.CheckConstraint(
                condition=(
                    Q(kind="ratio") & Q(numerator__isnull=False) & Q(denominator__isnull=False)
                )
                | (~Q(kind="ratio") & Q(numerator__isnull=True) & Q(denominator__isnull=True)),
                name="ratio_names_its_counts",
            ),
        ]

    def __str__(self):
        return self.code

    def label(self, language: str) -> str:
        return self.label_it if language.startswith("it") else self.label_en

    @property
    def year_label(self) -> str:
        return self.year_note or (str(self.year) if self.year else "")


class IndicatorValue(models.Model):
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE, related_name="indicator_values")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, help_text=_("Empty when the source does not state it.")
    )
    value = models.FloatField(_("value"))

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["zone", "indicator", "year"],
                name="one_value_per_zone_indicator_year",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1900) & Q(year__lte=2100), name="indicator_year_plausible"
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.zone.code} {self.year}: {self.value}"
