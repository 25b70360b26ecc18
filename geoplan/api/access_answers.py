"""The shapes of the accessibility answers (a run's results, the what-if) and of a job, built
as plain dicts by access_views, indicator_views, whatif_views and job_views: serializers that
only describe them in the OpenAPI document (see answers.py)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from geoplan.access.models import Profile
from geoplan.jobs.models import Job

from .answers import (
    CategoryCodeField,
    GapSerializer,
    LegendSerializer,
    ZoneValueSerializer,
    number,
)


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
