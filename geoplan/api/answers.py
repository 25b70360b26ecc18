"""The shapes of the answers that the analysis endpoints build as plain dicts (for speed, and
because they are not one model each): serializers that only describe them in the OpenAPI
document. Each mirrors the function that builds the answer, named in its docstring; the
schemathesis run of tests/api/test_fuzz_api.py checks every answer against them.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from geoplan.access.models import Profile
from geoplan.jobs.models import Job
from geoplan.territory.models import Indicator

CATEGORY_CODE = {"$ref": "#/components/schemas/CategoryCode"}


@extend_schema_field(CATEGORY_CODE)
class CategoryCodeField(serializers.CharField):
    """A service category's code (see /api/categories/)."""


def number(**kwargs):
    """A measure: null where it cannot be computed (no site reachable, no data)."""
    return serializers.FloatField(allow_null=True, **kwargs)


# ---------------------------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------------------------
class LegendSerializer(serializers.Serializer):
    """layers.catalogue.classify(): class upper bounds and colours, for a map legend. Empty
    lists when there is no value; an empty object for a layer without classes."""

    min = serializers.FloatField(required=False, help_text=_("The smallest value."))
    breaks = serializers.ListField(
        child=serializers.FloatField(), required=False, help_text=_("Upper bound of each class.")
    )
    colors = serializers.ListField(child=serializers.CharField(), required=False)
    counts = serializers.ListField(
        child=serializers.IntegerField(), required=False, help_text=_("Values in each class.")
    )
    decimals = serializers.IntegerField(required=False)
    method = serializers.ChoiceField(choices=["user-defined", "Fisher-Jenks"], required=False)


class ZoneValueSerializer(serializers.Serializer):
    zone = serializers.CharField(help_text=_("The zone's code."))
    name = serializers.CharField()
    value = number()


# ---------------------------------------------------------------------------------------------
# Registry and territory
# ---------------------------------------------------------------------------------------------
class CategorySerializer(serializers.Serializer):
    """views.CategoryList."""

    code = CategoryCodeField()
    name = serializers.CharField(help_text=_("In the language of the request."))
    color = serializers.CharField(help_text=_("The map's colour, #rrggbb."))


class LayerSerializer(serializers.Serializer):
    """layers.catalogue.catalogue_json()."""

    id = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    source = serializers.CharField(help_text=_("The API path the layer's data comes from."))
    kind = serializers.ChoiceField(choices=["choropleth", "category-points"])
    geometry = serializers.ChoiceField(
        choices=["geojson", "h3", "zones"],
        help_text=_(
            "geojson: the source's GeoJSON; h3: hexagons drawn from H3 indexes; zones: the zone "
            "polygons of /api/zones/, joined by code."
        ),
    )
    property = serializers.CharField(allow_blank=True)
    unit = serializers.CharField(allow_blank=True)
    visible = serializers.BooleanField()
    per_category = serializers.BooleanField()
    legend = LegendSerializer()


class ServicePropertiesSerializer(serializers.Serializer):
    """serializers.service_properties(): a published service at a site."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    category = CategoryCodeField()
    category_name = serializers.CharField()
    color = serializers.CharField()
    capacity = serializers.IntegerField(allow_null=True)
    capacity_unit = serializers.CharField(allow_blank=True)
    target_groups = serializers.ListField(child=serializers.CharField())
    target_group_labels = serializers.ListField(child=serializers.CharField())
    target_groups_note = serializers.CharField(allow_blank=True)
    eligibility = serializers.CharField(allow_blank=True)
    languages = serializers.ListField(child=serializers.CharField())
    step_free_access = serializers.BooleanField(allow_null=True)
    phone = serializers.CharField(allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    website = serializers.CharField(allow_blank=True)
    hours_text = serializers.CharField(allow_blank=True)
    schedules = serializers.ListField(
        child=serializers.DictField(),
        help_text=_(
            "Weekly hours: weekday (1 = Monday), weekday_name, opens_at, closes_at (HH:MM), "
            "valid_from, valid_to."
        ),
    )
    closures = serializers.ListField(
        child=serializers.DictField(), help_text=_("Closed days: starts_on, ends_on, note.")
    )
    opening_hours = serializers.CharField(
        allow_blank=True, help_text=_("The same hours in OpenStreetMap syntax.")
    )
    closed_on_public_holidays = serializers.BooleanField()
    last_verified = serializers.DateField(allow_null=True)
    source_url = serializers.CharField(allow_blank=True)
    as_of_year = serializers.IntegerField(allow_null=True)
    is_illustrative = serializers.BooleanField()
    status = serializers.CharField()
    status_label = serializers.CharField()


class IndicatorSerializer(serializers.Serializer):
    """indicator_views.indicator_json(): an indicator with its provenance."""

    code = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    kind = serializers.ChoiceField(choices=Indicator.Kind.choices)
    level = serializers.ChoiceField(choices=Indicator.Level.choices)
    year = serializers.CharField(allow_null=True)
    geography = serializers.CharField()
    source = serializers.CharField()
    licence = serializers.CharField(allow_blank=True)
    method = serializers.CharField(allow_blank=True)
    higher_means_more_need = serializers.BooleanField(
        allow_null=True, help_text=_("null for context figures that are not part of need.")
    )
    numerator = serializers.CharField(allow_null=True)
    denominator = serializers.CharField(allow_null=True)
    layer = serializers.CharField(allow_null=True, help_text=_("The source layer's file."))


class IndicatorDetailSerializer(IndicatorSerializer):
    """indicator_views.IndicatorDetail: the indicator, its latest value per zone, a legend."""

    values = ZoneValueSerializer(many=True)
    legend = LegendSerializer()


# ---------------------------------------------------------------------------------------------
# One zone (zone_views.ZoneDetail)
# ---------------------------------------------------------------------------------------------
class ZoneIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    year = serializers.CharField(allow_null=True)
    value = number()
    geography = serializers.CharField()
    source = serializers.CharField()
    in_need = serializers.BooleanField()


class GapSerializer(serializers.Serializer):
    """access_views.gap_properties(): need, its components and the gap of a zone."""

    mean_min = number(help_text=_("Mean walking minutes to the nearest site."))
    share_within_15 = number()
    need = number(help_text=_("Need index, z-score (0 = city average)."))
    need_01 = number(help_text=_("Need as a percentile among zones, 0-1."))
    residents_beyond = serializers.IntegerField(allow_null=True)
    threshold_min = serializers.FloatField()
    gap = number(help_text=_("Gap intensity, 0-1."))
    gap_people = number(help_text=_("Need-weighted residents beyond the threshold."))
    gap_rank = serializers.IntegerField(allow_null=True)
    gap_tied = serializers.BooleanField()
    rank_label = serializers.CharField(allow_null=True, help_text=_('"3", or "=3" in a tie.'))


class NeedComponentSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    weight = number()
    z = number()


class ZoneCategoryAccessSerializer(GapSerializer):
    category = CategoryCodeField()
    category_name = serializers.CharField()
    color = serializers.CharField(allow_null=True)
    components = NeedComponentSerializer(many=True)


class NearbySiteSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text=_("The site's id."))
    name = serializers.CharField(help_text=_("The service's name."))
    address = serializers.CharField(allow_blank=True)
    category = CategoryCodeField()
    category_name = serializers.CharField()
    distance_m = serializers.IntegerField(min_value=0)
    in_zone = serializers.BooleanField()
    is_illustrative = serializers.BooleanField()


class ZoneDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    circoscrizione = serializers.IntegerField()
    circoscrizione_name = serializers.CharField()
    population = serializers.IntegerField(allow_null=True)
    population_year = serializers.IntegerField(allow_null=True)
    bbox = serializers.ListField(
        child=serializers.FloatField(),
        min_length=4,
        max_length=4,
        help_text=_("minlon, minlat, maxlon, maxlat (EPSG:4326)."),
    )
    profile = serializers.ChoiceField(choices=Profile.choices)
    run = serializers.IntegerField(allow_null=True)
    indicators = ZoneIndicatorSerializer(many=True)
    access = ZoneCategoryAccessSerializer(many=True)
    sites_nearby = NearbySiteSerializer(many=True)


# ---------------------------------------------------------------------------------------------
# Accessibility results (access_views)
# ---------------------------------------------------------------------------------------------
class PolygonSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Polygon"])
    coordinates = serializers.ListField(
        child=serializers.ListField(
            child=serializers.ListField(child=serializers.FloatField(), min_length=2)
        )
    )


class MultiPolygonSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["MultiPolygon"])
    coordinates = serializers.ListField(
        child=serializers.ListField(
            child=serializers.ListField(
                child=serializers.ListField(child=serializers.FloatField(), min_length=2)
            )
        )
    )


class CellPropertiesSerializer(serializers.Serializer):
    """access_views.cell_properties()."""

    h3 = serializers.CharField(help_text=_("H3 index, resolution 9."))
    population = serializers.IntegerField()
    nearest_min = number(help_text=_("Walking minutes to the nearest site; null: none."))
    sites_within_15 = serializers.IntegerField()
    e2sfca = number()


class CellFeatureSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Feature"])
    geometry = PolygonSerializer()
    properties = CellPropertiesSerializer()


class ZoneAccessPropertiesSerializer(GapSerializer):
    """access_views.zone_properties()."""

    code = serializers.CharField()
    name = serializers.CharField()
    population = serializers.IntegerField()
    share_within_10 = number()
    share_within_20 = number()
    e2sfca_mean = number()
    need_components = serializers.DictField(
        child=number(), help_text=_("z-score of each indicator of the need index.")
    )


class ZoneAccessFeatureSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=["Feature"])
    geometry = MultiPolygonSerializer()
    properties = ZoneAccessPropertiesSerializer()


class RunFactsSerializer(serializers.Serializer):
    """access_views.run_facts()."""

    run = serializers.IntegerField()
    computed_at = serializers.DateTimeField(allow_null=True)
    category = CategoryCodeField()
    profile = serializers.ChoiceField(choices=Profile.choices)


@extend_schema_field(
    {
        "type": "array",
        "minItems": 5,
        "maxItems": 5,
        "items": {"oneOf": [{"type": "string"}, {"type": "number", "nullable": True}]},
        "description": _("The values named by columns: h3 index, then numbers or null."),
    }
)
class CellRowField(serializers.ListField):
    pass


class CellsH3Serializer(RunFactsSerializer):
    columns = serializers.ListField(child=serializers.CharField())
    cells = serializers.ListField(child=CellRowField())
    legend = LegendSerializer()


class ZoneValuesSerializer(RunFactsSerializer):
    zones = ZoneAccessPropertiesSerializer(many=True)
    legend = LegendSerializer()


class RankedZoneSerializer(ZoneAccessPropertiesSerializer):
    rank = serializers.IntegerField()


class CitySummarySerializer(serializers.Serializer):
    """A run's city-wide results for a category (empty when the run has none for it)."""

    n_sites = number(required=False)
    mean_min = number(required=False)
    share_within_10 = number(required=False)
    share_within_15 = number(required=False)
    share_within_20 = number(required=False)
    gini_nearest_min = number(required=False)
    palma_nearest_min = number(required=False)
    gini_e2sfca = number(required=False)
    palma_e2sfca = number(required=False)
    supply_mode = serializers.ChoiceField(
        choices=["capacity", "sites"],
        required=False,
        help_text=_("What E2SFCA counted as supply: capacity, or one per site."),
    )


class WorstGapsSerializer(serializers.Serializer):
    run = serializers.IntegerField()
    category = CategoryCodeField()
    profile = serializers.ChoiceField(choices=Profile.choices)
    threshold_min = serializers.FloatField()
    city = CitySummarySerializer()
    zones = RankedZoneSerializer(many=True)


class NeedLayerComponentSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    weight = serializers.FloatField()
    year = serializers.CharField(allow_null=True)
    source = serializers.CharField(allow_null=True)
    geography = serializers.CharField(allow_null=True)


class NeedLayerSerializer(serializers.Serializer):
    """indicator_views.NeedLayer."""

    run = serializers.IntegerField()
    category = CategoryCodeField()
    title = serializers.CharField()
    unit = serializers.CharField()
    source = serializers.CharField(allow_blank=True)
    year = serializers.CharField(allow_blank=True)
    components = NeedLayerComponentSerializer(many=True)
    values = ZoneValueSerializer(many=True)
    legend = LegendSerializer()


# ---------------------------------------------------------------------------------------------
# What-if (whatif_views) and jobs (job_views)
# ---------------------------------------------------------------------------------------------
class ProposedSiteSerializer(serializers.Serializer):
    lon = serializers.FloatField()
    lat = serializers.FloatField()
    category = CategoryCodeField()
    category_name = serializers.CharField()


class SummarySerializer(serializers.Serializer):
    newly_within_15 = serializers.IntegerField()
    zones_gaining = serializers.IntegerField()
    zones_closer_only = serializers.IntegerField()


class CategorySummarySerializer(SummarySerializer):
    category = CategoryCodeField()
    category_name = serializers.CharField()


class TotalsSerializer(SummarySerializer):
    by_category = CategorySummarySerializer(many=True)


class WhatIfZoneSerializer(serializers.Serializer):
    """whatif_views.zone_row()."""

    zone = serializers.CharField()
    zone_name = serializers.CharField()
    category = CategoryCodeField()
    effect = serializers.ChoiceField(
        choices=["gains", "closer"],
        help_text=_("gains: residents newly within 15 minutes; closer: nearer, still beyond."),
    )
    newly_within_15 = serializers.IntegerField()
    reachable_before = serializers.BooleanField()
    mean_min_before = number()
    mean_min_after = number()
    delta_mean_min = number()
    gap_people_before = number()
    gap_people_after = number()
    gap_rank_before = serializers.IntegerField(allow_null=True)
    gap_rank_after = serializers.IntegerField(allow_null=True)


class WhatIfAnswerSerializer(serializers.Serializer):
    run = serializers.IntegerField()
    profile = serializers.ChoiceField(choices=Profile.choices)
    threshold_min = serializers.FloatField()
    sites = ProposedSiteSerializer(many=True)
    totals = TotalsSerializer()
    zones = WhatIfZoneSerializer(many=True)
    seconds = serializers.FloatField()
    note = serializers.CharField()


class JobSerializer(serializers.Serializer):
    """job_views.job_json()."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    status = serializers.ChoiceField(choices=Job.Status.choices)
    status_label = serializers.CharField()
    progress = serializers.IntegerField(min_value=0, max_value=100)
    message = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)
    result = serializers.JSONField(allow_null=True)
    error = serializers.CharField(allow_blank=True)
    attempts = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    url = serializers.CharField(help_text=_("Where to follow the job."))
