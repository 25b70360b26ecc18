"""Scenarios in the API: what a planner sends (a scenario, an edit) and the shapes of the answers
(built as plain dicts by scenario_views and geoplan.planning.scenarios; the answer serializers
only describe them in the OpenAPI document).

An edit's values are checked once, by geoplan.planning.edits.clean_edit (the same rules for the
API, the workspace, the scenario of the registry's planned sites and the scenario an optimal
siting's answer is saved as, in geoplan.planning.siting_scenario).
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from geoplan.access.models import Profile
from geoplan.planning.edits import MAX_EDITS, NAME_MAX, NOTE_MAX, EditRefused, clean_edit
from geoplan.planning.models import Scenario, ScenarioEdit

from .answers import CategoryCodeField, number

SCENARIO_NAME_MAX = Scenario._meta.get_field("name").max_length


# ---------------------------------------------------------------------------------------------
# Requests
# ---------------------------------------------------------------------------------------------
class EditSerializer(serializers.Serializer):
    """One edit: ``add`` (category, lon, lat; capacity, hours, name optional), ``close`` (site),
    ``move`` (site, lon, lat) or ``capacity`` (site, category, capacity). Close, move and
    capacity act on a site's published services only."""

    kind = serializers.ChoiceField(choices=ScenarioEdit.Kind.choices)
    category = CategoryCodeField(
        required=False,
        allow_null=True,
        help_text=_("add and capacity: the service category's code."),
    )
    site = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=_("close, move and capacity: the id of a site with a published service."),
    )
    lon = serializers.FloatField(
        required=False, allow_null=True, help_text=_("add and move: degrees east, EPSG:4326.")
    )
    lat = serializers.FloatField(
        required=False, allow_null=True, help_text=_("add and move: degrees north, EPSG:4326.")
    )
    capacity = serializers.FloatField(
        required=False,
        allow_null=True,
        min_value=0,
        help_text=_(
            "add (optional) and capacity (more than 0; close a site to stop counting it): "
            "places, beds or meals, as the category counts. An added site without one counts "
            "one unit where its category's access score counts capacities."
        ),
    )
    hours = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=ScenarioEdit._meta.get_field("hours").max_length,
        help_text=_("add (optional): opening hours in the OpenStreetMap syntax."),
    )
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=NAME_MAX,
        help_text=_("add (optional): the new site's name."),
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=NOTE_MAX)

    def to_internal_value(self, data):
        # One set of rules for every way an edit arrives: geoplan.planning.edits.
        try:
            return clean_edit(data, self.context.get("boundary"))
        except EditRefused as exc:
            raise serializers.ValidationError(exc.problems) from None


class ScenarioCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=SCENARIO_NAME_MAX)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    edits = EditSerializer(many=True, required=False, max_length=MAX_EDITS)


class ScenarioChangeSerializer(serializers.Serializer):
    """PATCH: the name and description (edits have their own endpoints)."""

    name = serializers.CharField(required=False, max_length=SCENARIO_NAME_MAX)
    description = serializers.CharField(required=False, allow_blank=True, max_length=5000)


# ---------------------------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------------------------
class EditAnswerSerializer(serializers.Serializer):
    """geoplan.planning.scenarios.edit_json(): every key, null where the kind has none."""

    id = serializers.IntegerField()
    position = serializers.IntegerField(help_text=_("Edits apply in this order."))
    # The choices are documented once, on the request (one enum, one name in the document).
    kind = serializers.CharField(help_text=_("add, close, move or capacity."))
    category = CategoryCodeField(allow_null=True)
    site = serializers.IntegerField(allow_null=True)
    site_name = serializers.CharField(allow_null=True)
    lon = number()
    lat = number()
    capacity = number()
    hours = serializers.CharField(allow_blank=True)
    name = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)


class ScenarioSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    owner = serializers.CharField(help_text=_("The owner's user name."))
    origin = serializers.ChoiceField(choices=Scenario.Origin.choices)
    origin_label = serializers.CharField()
    is_illustrative = serializers.BooleanField(
        help_text=_("A demo scenario, not a plan of the city.")
    )
    siting = serializers.DictField(help_text=_("For a siting answer: what was asked and found."))
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    can_change = serializers.BooleanField(
        help_text=_("Whether the account asking may change or delete it (owner or admin).")
    )
    edits = EditAnswerSerializer(many=True)
    url = serializers.CharField()
    results_url = serializers.CharField()
    report_url = serializers.CharField()
    print_url = serializers.CharField()


class CityMeasuresSerializer(serializers.Serializer):
    residents_within_15 = serializers.IntegerField(allow_null=True)
    share_within_15 = number()
    need_weighted_unserved = number(
        help_text=_("Sum over zones of need percentile x residents beyond 15 minutes.")
    )
    mean_min = number()
    e2sfca_mean = number(help_text=_("Population-weighted."))
    gini_nearest_min = number()
    palma_nearest_min = number()
    gini_e2sfca = number()
    palma_e2sfca = number()
    n_sites = serializers.IntegerField(allow_null=True)


class ZoneMeasuresSerializer(serializers.Serializer):
    residents_within_15 = serializers.IntegerField(allow_null=True)
    share_within_15 = number()
    need_weighted_unserved = number(help_text=_("The zone's gap in people."))
    mean_min = number()
    e2sfca_mean = number()
    gap_rank = serializers.IntegerField(allow_null=True, help_text=_("1 = the worst gap."))


class CityResultSerializer(serializers.Serializer):
    category = CategoryCodeField()
    category_name = serializers.CharField()
    supply_mode = serializers.ChoiceField(
        choices=["capacity", "sites"],
        help_text=_(
            "What a site supplies in the access score (E2SFCA), before and after alike: its "
            "capacity (a site without one counts 1) or one unit per site (when a published site "
            "of the category has no capacity)."
        ),
    )
    before = CityMeasuresSerializer()
    after = CityMeasuresSerializer()
    delta = CityMeasuresSerializer(help_text=_("after - before; null where either is."))


class ZoneKeySerializer(serializers.Serializer):
    zone = serializers.CharField()
    zone_name = serializers.CharField()
    circoscrizione = serializers.CharField(allow_null=True)
    category = CategoryCodeField()
    population = serializers.IntegerField()


class ZoneResultSerializer(ZoneKeySerializer):
    before = ZoneMeasuresSerializer()
    after = ZoneMeasuresSerializer()
    delta = ZoneMeasuresSerializer()


class ScenarioResultsSerializer(serializers.Serializer):
    scenario = serializers.IntegerField()
    name = serializers.CharField()
    is_illustrative = serializers.BooleanField()
    profile = serializers.ChoiceField(choices=Profile.choices)
    threshold_min = serializers.IntegerField()
    computed_at = serializers.DateTimeField()
    seconds = serializers.FloatField(help_text=_("Time the recompute took."))
    categories = serializers.ListField(
        child=CategoryCodeField(), help_text=_("The categories the edits change.")
    )
    edits = EditAnswerSerializer(many=True)
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text=_("Edits skipped because their site has no published service any more."),
    )
    city = CityResultSerializer(many=True)
    zones = ZoneResultSerializer(many=True)


class ComparedScenarioSerializer(serializers.Serializer):
    scenario = serializers.IntegerField()
    name = serializers.CharField()
    is_illustrative = serializers.BooleanField()
    categories = serializers.ListField(child=CategoryCodeField())
    warnings = serializers.ListField(child=serializers.CharField())


class CityComparisonSerializer(serializers.Serializer):
    category = CategoryCodeField()
    category_name = serializers.CharField()
    a = CityMeasuresSerializer(help_text=_("The change a makes."))
    b = CityMeasuresSerializer(help_text=_("The change b makes."))
    b_minus_a = CityMeasuresSerializer()


class ZoneComparisonSerializer(ZoneKeySerializer):
    a = ZoneMeasuresSerializer()
    b = ZoneMeasuresSerializer()
    b_minus_a = ZoneMeasuresSerializer()


class ScenarioComparisonSerializer(serializers.Serializer):
    a = ComparedScenarioSerializer()
    b = ComparedScenarioSerializer()
    profile = serializers.ChoiceField(choices=Profile.choices)
    threshold_min = serializers.IntegerField()
    categories = serializers.ListField(child=CategoryCodeField())
    city = CityComparisonSerializer(many=True)
    zones = ZoneComparisonSerializer(many=True)
