"""The plan's headline figures over time: the KPI snapshot each completed run stores, per
category and walking profile (aggregate analysis, public like the rest of the results)."""

from django.utils.translation import get_language, gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from geoplan.access.models import Profile
from geoplan.planning.monitoring import snapshot_rows
from geoplan.planning.query_values import parse_profile

from .answers import CategoryCodeField
from .params import category_param, category_parameter
from .schema import BAD_PARAMETERS, EmptyMeansDefault


class KpiSnapshotSerializer(serializers.Serializer):
    taken_at = serializers.DateTimeField(
        help_text=gettext_lazy("When the run that stored the snapshot finished.")
    )
    run = serializers.IntegerField(help_text=gettext_lazy("The accessibility run."))
    profile = serializers.ChoiceField(Profile.choices)
    category = CategoryCodeField()
    category_name = serializers.CharField()
    population = serializers.IntegerField(help_text=gettext_lazy("Residents of the city."))
    n_sites = serializers.IntegerField(
        help_text=gettext_lazy("Published services of the category counted by the run.")
    )
    share_within_15 = serializers.FloatField(
        help_text=gettext_lazy("Share of residents (0–1) within 15 minutes on foot of a service.")
    )
    need_weighted_unserved = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy(
            "Need-weighted residents beyond 15 minutes: each resident counted by the need "
            "percentile (0–1) of their zone."
        ),
    )
    mean_min = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy(
            "Population-weighted mean minutes to the nearest service (null: no service yet)."
        ),
    )
    gini_nearest_min = serializers.FloatField(
        allow_null=True,
        help_text=gettext_lazy(
            "Population-weighted Gini of the minutes to the nearest service (null: no service)."
        ),
    )


PROFILE_FILTER = EmptyMeansDefault(
    "profile",
    str,
    enum=Profile.values,
    description=gettext_lazy("Only the snapshots of this walking profile (both when left out)."),
)


def profile_filter(request) -> str | None:
    try:
        return parse_profile(request.query_params.get("profile"), default=None)
    except ValueError as exc:
        raise ValidationError({"profile": str(exc)}) from None


@extend_schema(
    parameters=[
        category_parameter(
            False, gettext_lazy("Only the snapshots of this category (every one when left out).")
        ),
        PROFILE_FILTER,
    ],
    responses={200: KpiSnapshotSerializer(many=True), 400: BAD_PARAMETERS},
)
class KpiList(GenericAPIView):
    """The KPI snapshots over time: every completed recompute of the accessibility results (after
    a site is approved, say) stores one per category, so the list follows the plan's progress.
    By category (in the registry's order), walking profile and time."""

    serializer_class = KpiSnapshotSerializer
    pagination_class = None
    filter_backends = []

    def get(self, request):
        category = category_param(request, required=False)
        profile = profile_filter(request)
        rows = snapshot_rows(get_language() or "it", category, profile)
        return Response(KpiSnapshotSerializer(rows, many=True).data)
