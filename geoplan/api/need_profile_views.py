"""A category's need profile with what the workspace needs to re-weigh it in the browser.

GET gives the profile's weights for every need indicator (0 for those left out) and, per zone of
the latest run, the signed z-score of every need indicator with the zone's population, shares within
10/15/20 minutes and residents beyond them: enough for the page to recompute the need index, its
percentile and the gap in people for any weights, exactly as a run would (geoplan.analysis.need).
PUT saves new weights; the recompute that follows is asked for by the signals on NeedWeight.
"""

import math

import numpy as np
import pandas as pd
from django.db import transaction
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from geoplan.access.models import AccessRun, NeedProfile, NeedWeight, ZoneAccess
from geoplan.access.need_profiles import latest_values
from geoplan.analysis.measures import GAP_THRESHOLD_MIN
from geoplan.analysis.need import Indicator as NeedSpec
from geoplan.analysis.need import zscores
from geoplan.planning.permissions import IsPlanner
from geoplan.registry.models import ServiceCategory
from geoplan.territory.models import Indicator

from .access_views import latest_run
from .answers import CATEGORY_CODE, CategoryCodeField
from .params import PROFILE_PARAMETER
from .partner_serializers import DetailSerializer
from .schema import BAD_PARAMETERS, FORBIDDEN, NOT_AUTHENTICATED, body_errors

THRESHOLDS_MIN = ("10", "15", "20")
# A weight is relative to the others: a bound keeps a typing slip from drowning every other
# indicator (and the weighted sums finite).
MAX_WEIGHT = 100.0


# ---------------------------------------------------------------------------------------------
# Answer shapes (for the OpenAPI document)
# ---------------------------------------------------------------------------------------------
class NeedIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    higher_means_more_need = serializers.BooleanField()
    weight = serializers.FloatField(help_text=gettext_lazy("0 when left out of the profile."))
    unit = serializers.CharField()
    year = serializers.CharField(allow_null=True)
    geography = serializers.CharField()
    source = serializers.CharField()


def _by_threshold(child):
    return serializers.DictField(
        child=child, help_text=gettext_lazy('By threshold in minutes: "10", "15", "20".')
    )


class NeedZoneSerializer(serializers.Serializer):
    zone = serializers.CharField()
    zone_name = serializers.CharField()
    circoscrizione = serializers.CharField()
    population = serializers.IntegerField()
    residents_beyond = serializers.IntegerField(
        allow_null=True, help_text=gettext_lazy("Residents beyond 15 minutes.")
    )
    z = serializers.DictField(
        child=serializers.FloatField(),
        help_text=gettext_lazy(
            "Signed z-score of every need indicator the zone has (positive = more need)."
        ),
    )
    share_within = _by_threshold(serializers.FloatField())
    beyond = _by_threshold(serializers.IntegerField())
    mean_min = serializers.FloatField(allow_null=True)
    need = serializers.FloatField(allow_null=True)
    need_01 = serializers.FloatField(allow_null=True)
    gap_people = serializers.FloatField(allow_null=True)
    gap_rank = serializers.IntegerField(allow_null=True)
    gap_tied = serializers.BooleanField()


class NeedProfileSerializer(serializers.Serializer):
    category = CategoryCodeField()
    category_name = serializers.CharField()
    profile = serializers.CharField()
    threshold_min = serializers.IntegerField()
    run = serializers.IntegerField()
    computed_at = serializers.DateTimeField(allow_null=True)
    indicators = NeedIndicatorSerializer(many=True)
    zones = NeedZoneSerializer(many=True)


class SavedNeedProfileSerializer(NeedProfileSerializer):
    detail = serializers.CharField()
    changed = serializers.BooleanField()


# ---------------------------------------------------------------------------------------------
# The weights a planner sends
# ---------------------------------------------------------------------------------------------
class WeightsField(serializers.DictField):
    """{indicator code: weight}: plain JSON numbers from 0 to MAX_WEIGHT, each refusal naming its
    indicator."""

    child = serializers.FloatField(min_value=0, max_value=MAX_WEIGHT)

    def to_internal_value(self, data):
        if not isinstance(data, dict):
            raise serializers.ValidationError(
                _("weights must be an object: {indicator code: weight}.")
            )
        problems = {}
        for code, weight in data.items():
            if isinstance(weight, bool) or not isinstance(weight, (int, float)):
                problems[code] = _("The weight of %(code)s must be a number; got %(value)s.") % {
                    "code": code,
                    "value": repr(weight),
                }
            elif not math.isfinite(weight) or not 0 <= weight <= MAX_WEIGHT:
                problems[code] = _(
                    "The weight of %(code)s must be from 0 to %(max)g; got %(value)s."
                ) % {"code": code, "max": MAX_WEIGHT, "value": weight}
        if problems:
            raise serializers.ValidationError(problems)
        return {str(code): float(weight) for code, weight in data.items()}


class NeedWeightsRequest(serializers.Serializer):
    weights = WeightsField(
        help_text=gettext_lazy(
            "The whole profile: an indicator left out, or weighted 0, is not part of it."
        )
    )

    def validate_weights(self, weights):
        known = dict(need_indicators().values_list("code", "pk"))
        unknown = sorted(set(weights) - set(known))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown need indicator %(codes)s. Known: %(known)s.")
                % {"codes": ", ".join(map(repr, unknown)), "known": ", ".join(sorted(known))}
            )
        if not any(w > 0 for w in weights.values()):
            raise serializers.ValidationError(
                _("At least one indicator needs a weight above 0: the need index is their mean.")
            )
        return weights


# ---------------------------------------------------------------------------------------------
# Building the answer
# ---------------------------------------------------------------------------------------------
def need_indicators():
    """Indicators with a direction of need (context figures such as population have none)."""
    return Indicator.objects.exclude(higher_means_more_need=None).order_by("code")


def profile_weights(category: ServiceCategory) -> dict[str, float]:
    """The category's saved weights; a category not given a profile yet has the default one."""
    profile = NeedProfile.objects.filter(category=category).first()
    if profile is None:
        return {i.code: 1.0 for i in need_indicators().filter(in_default_need=True)}
    return dict(profile.weights.values_list("indicator__code", "weight"))


def _signed_zscores(indicators) -> pd.DataFrame:
    """Signed z-scores per zone (rows) of every need indicator, from the values a run reads."""
    table = latest_values([i.code for i in indicators])
    specs = [NeedSpec(i.code, bool(i.higher_means_more_need)) for i in indicators]
    return zscores(table, [s for s in specs if s.name in table.columns])


def _finite(value):
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _beyond(population: int, share: float) -> int:
    # As the run rounds them (numpy: halves to even).
    return int(np.rint(population * (1.0 - share)))


def zone_rows(run: AccessRun, category: str, z: pd.DataFrame) -> list[dict]:
    rows = (
        ZoneAccess.objects.filter(run=run, category=category)
        .select_related("zone__circoscrizione")
        .order_by("zone__code")
    )
    out = []
    for r in rows:
        code = r.zone.code
        scores = z.loc[code].dropna() if code in z.index else pd.Series(dtype=float)
        shares = {t: getattr(r, f"share_within_{t}") for t in THRESHOLDS_MIN}
        beyond = {t: _beyond(r.population, s) for t, s in shares.items()}
        if r.residents_beyond is not None:
            beyond["15"] = r.residents_beyond
        out.append(
            {
                "zone": code,
                "zone_name": r.zone.name,
                "circoscrizione": str(r.zone.circoscrizione.number),
                "population": r.population,
                "residents_beyond": r.residents_beyond,
                "z": {k: float(v) for k, v in scores.items()},
                "share_within": shares,
                "beyond": beyond,
                "mean_min": _finite(r.mean_min),
                "need": _finite(r.need),
                "need_01": _finite(r.need_01),
                "gap_people": _finite(r.gap_people),
                "gap_rank": r.gap_rank,
                "gap_tied": r.gap_tied,
            }
        )
    return out


def need_profile_answer(category: ServiceCategory, run: AccessRun) -> dict:
    language = get_language() or "it"
    indicators = list(need_indicators())
    weights = profile_weights(category)
    return {
        "category": category.code,
        "category_name": category.name(language),
        "profile": run.profile,
        "threshold_min": int(run.params.get("gap_threshold_min", GAP_THRESHOLD_MIN)),
        "run": run.pk,
        "computed_at": run.finished_at.isoformat() if run.finished_at else None,
        "indicators": [
            {
                "code": i.code,
                "name": i.label(language),
                "higher_means_more_need": bool(i.higher_means_more_need),
                "weight": weights.get(i.code, 0.0),
                "unit": i.unit,
                "year": i.year_label or None,
                "geography": i.geography or str(i.get_level_display()),
                "source": i.source,
            }
            for i in indicators
        ],
        "zones": zone_rows(run, category.code, _signed_zscores(indicators)),
    }


def save_weights(category: ServiceCategory, weights: dict[str, float]) -> bool:
    """Make the category's profile exactly these weights (zero weights left out); True when it
    changed. Each row written asks for a recompute (geoplan.access.signals)."""
    wanted = {code: w for code, w in weights.items() if w > 0}
    with transaction.atomic():
        profile, _created = NeedProfile.objects.get_or_create(category=category)
        current = {w.indicator.code: w for w in profile.weights.select_related("indicator")}
        changed = False
        for code, row in current.items():
            if code not in wanted:
                row.delete()
                changed = True
        ids = dict(need_indicators().filter(code__in=wanted).values_list("code", "pk"))
        for code, weight in wanted.items():
            row = current.get(code)
            if row is None:
                NeedWeight.objects.create(profile=profile, indicator_id=ids[code], weight=weight)
                changed = True
            elif row.weight != weight:
                row.weight = weight
                row.save(update_fields=["weight"])
                changed = True
    return changed


# ---------------------------------------------------------------------------------------------
# The endpoint
# ---------------------------------------------------------------------------------------------
CATEGORY_PATH = OpenApiParameter(
    "category",
    CATEGORY_CODE,
    OpenApiParameter.PATH,
    description=gettext_lazy("A service category's code (see /api/categories/)."),
)
UNKNOWN_OR_NO_RUN = OpenApiResponse(
    DetailSerializer,
    description=gettext_lazy(
        "Unknown category, or no accessibility run for this profile yet (the body says which)."
    ),
)


@extend_schema_view(
    get=extend_schema(
        parameters=[CATEGORY_PATH, PROFILE_PARAMETER],
        responses={200: NeedProfileSerializer, 400: BAD_PARAMETERS, 404: UNKNOWN_OR_NO_RUN},
    ),
    put=extend_schema(
        parameters=[CATEGORY_PATH, PROFILE_PARAMETER],
        request=NeedWeightsRequest,
        examples=[
            OpenApiExample(
                gettext_lazy("Renting counts double, the share of over-65s is left out"),
                value={
                    "weights": {
                        "foreign_share": 1,
                        "low_education_share": 1,
                        "over65_share_quartieri": 0,
                        "renting_share": 2,
                        "unemployment_rate": 1,
                    }
                },
                request_only=True,
            )
        ],
        responses={
            200: SavedNeedProfileSerializer,
            400: body_errors(
                gettext_lazy(
                    "The weights are refused: {weights: sentence} or {weights: {code: sentence}}."
                )
            ),
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: UNKNOWN_OR_NO_RUN,
        },
    ),
)
class NeedProfileDetail(GenericAPIView):
    """GET (public): the need weights of `category` and, per zone of the latest run of
    `?profile=`, the signed z-score of every need indicator, population, shares within 10/15/20
    minutes and residents beyond them, with the stored need, percentile and gap. PUT (planners)
    {"weights": {code: weight}}: saves the whole profile; the maps follow at the next recompute."""

    serializer_class = NeedWeightsRequest
    pagination_class = None
    filter_backends = []

    def get_permissions(self):
        if self.request.method == "PUT":
            return [IsPlanner()]
        return []

    def _category(self, code: str) -> ServiceCategory:
        category = ServiceCategory.objects.filter(code=code).first() if "\x00" not in code else None
        if category is None:
            raise NotFound(_("Unknown category %(code)r: see /api/categories/.") % {"code": code})
        return category

    def get(self, request, category):
        found = self._category(category)
        return Response(need_profile_answer(found, latest_run(request)))

    def put(self, request, category):
        found = self._category(category)
        body = NeedWeightsRequest(data=request.data)
        body.is_valid(raise_exception=True)
        run = latest_run(request)
        changed = save_weights(found, body.validated_data["weights"])
        detail = (
            _("Saved; the maps update after the next recompute.")
            if changed
            else _("These are already the saved weights: nothing changed.")
        )
        return Response(need_profile_answer(found, run) | {"detail": detail, "changed": changed})
