"""The shapes of the answers that the API builds as plain dicts (for speed, and because they
are not one model each): serializers that only describe them in the OpenAPI document. Each
mirrors the function that builds the answer, named in its docstring; the schemathesis run of
tests/api/test_fuzz_api.py checks every answer against them. Here the registry, the territory
and one zone; the accessibility results and jobs are in access_answers.py.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from geoplan.access.models import Profile
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
