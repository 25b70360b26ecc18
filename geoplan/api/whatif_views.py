"""The what-if endpoint: proposed sites answered from the latest run, with no recompute."""

import math

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from geoplan.access import services
from geoplan.registry.models import ServiceCategory
from geoplan.territory.models import Zone

from .access_answers import WhatIfAnswerSerializer
from .access_views import _round, latest_run
from .answers import CategoryCodeField
from .params import PROFILE_PARAMETER, positions_outside_turin
from .partner_serializers import DetailSerializer
from .schema import FORBIDDEN, NO_RUN, THROTTLED, body_errors
from .throttling import SharedAnonRateThrottle

MAX_PROPOSALS = 20


class ProposalSerializer(serializers.Serializer):
    lon = serializers.FloatField(min_value=-180, max_value=180)
    lat = serializers.FloatField(min_value=-90, max_value=90)
    category = CategoryCodeField()
    capacity = serializers.IntegerField(required=False, min_value=0, allow_null=True)

    def validate_category(self, code):
        if not ServiceCategory.objects.filter(code=code).exists():
            raise serializers.ValidationError(_("Unknown category %(code)r.") % {"code": code})
        return code


class WhatIfSerializer(serializers.Serializer):
    sites = ProposalSerializer(many=True, allow_empty=False, max_length=MAX_PROPOSALS)

    def validate_sites(self, sites):
        # A proposal is not a registration: its own sentence, and every stray point named at once.
        outside = [
            _("Proposed site %(n)d (%(lon).5f, %(lat).5f) is outside the City of Turin.")
            % {"n": i, "lon": sites[i - 1]["lon"], "lat": sites[i - 1]["lat"]}
            for i in positions_outside_turin(sites)
        ]
        if outside:
            raise serializers.ValidationError(
                [_("A proposed site must be inside the City of Turin."), *outside]
            )
        return sites


def _int(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else int(value)


def _effect(newly_within: int, before, after) -> str:
    """The effect on a zone: "gains" (residents newly within the threshold), "closer" (nearer,
    still beyond it), or "none".
    A zone that could reach no site before and can now is closer too."""
    if newly_within > 0:
        return "gains"
    if after is not None and (before is None or after < before):
        return "closer"
    return "none"


def zone_row(code: str, name: str, category: str, row) -> dict:
    newly = int(row["newly_within"])
    before, after = _round(row["mean_min_before"], 2), _round(row["mean_min_after"], 2)
    delta = _round(row["delta_mean_min"], 2)
    return {
        "zone": code,
        "zone_name": name,
        "category": category,
        "effect": _effect(newly, before, after),
        "newly_within_15": newly,
        "reachable_before": before is not None,
        "mean_min_before": before,
        "mean_min_after": after,
        "delta_mean_min": delta,
        "gap_people_before": _round(row.get("gap_people_before"), 1),
        "gap_people_after": _round(row.get("gap_people_after"), 1),
        "gap_rank_before": _int(row.get("gap_rank_before")),
        "gap_rank_after": _int(row.get("gap_rank_after")),
    }


def totals(rows: list[dict], category_names: dict[str, str]) -> dict:
    """The combined answer: residents newly within the threshold, zones gaining, zones only
    closer; overall (each zone counted once) and per category."""

    def summary(rs):
        gaining = {r["zone"] for r in rs if r["effect"] == "gains"}
        closer = {r["zone"] for r in rs if r["effect"] == "closer"} - gaining
        return {
            "newly_within_15": sum(r["newly_within_15"] for r in rs),
            "zones_gaining": len(gaining),
            "zones_closer_only": len(closer),
        }

    return summary(rows) | {
        "by_category": [
            {"category": code, "category_name": name}
            | summary([r for r in rows if r["category"] == code])
            for code, name in category_names.items()
        ]
    }


@extend_schema_view(
    post=extend_schema(
        parameters=[PROFILE_PARAMETER],
        request=WhatIfSerializer,
        examples=[
            OpenApiExample(
                gettext_lazy("A proposed night shelter"),
                value={
                    "sites": [
                        {"lon": 7.63, "lat": 45.03, "category": "night_shelter", "capacity": 20}
                    ]
                },
                request_only=True,
            )
        ],
        responses={
            200: WhatIfAnswerSerializer,
            400: body_errors(
                gettext_lazy("The proposals are refused: {field: [sentences]}, by position.")
            ),
            403: FORBIDDEN,
            404: NO_RUN,
            409: OpenApiResponse(
                DetailSerializer,
                description=gettext_lazy(
                    "The run's inputs changed since it was computed (a newer run is coming)."
                ),
            ),
            429: THROTTLED,
        },
    )
)
class WhatIf(GenericAPIView):
    """POST {"sites": [{"lon", "lat", "category", "capacity"}]} (up to 20 proposals, answered
    together): per affected zone, residents newly within 15 minutes, change in mean minutes and
    in gap rank, and the totals (bounded search, no recompute)."""

    # Each proposal costs a bounded Dijkstra: keep anonymous use to a human pace.
    throttle_classes = [SharedAnonRateThrottle]
    serializer_class = WhatIfSerializer
    pagination_class = None
    filter_backends = []

    def post(self, request):
        body = WhatIfSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run = latest_run(request)
        proposals = body.validated_data["sites"]
        language = get_language() or "it"
        codes = sorted({p["category"] for p in proposals})
        category_names = {
            c.code: c.name(language) for c in ServiceCategory.objects.filter(code__in=codes)
        }
        names = dict(Zone.objects.values_list("code", "name"))
        rows, seconds = [], 0.0
        for category in codes:
            try:
                result = services.what_if(
                    run, category, [p for p in proposals if p["category"] == category]
                )
            except services.StaleRun as exc:
                return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
            seconds += result["seconds"]
            rows += [
                zone_row(code, names.get(code, ""), category, row)
                for code, row in result["zones"].iterrows()
            ]
        rows = [r for r in rows if r["effect"] != "none"]
        rows.sort(key=lambda z: (-z["newly_within_15"], z["delta_mean_min"] or 0, z["zone"]))
        return Response(
            {
                "run": run.pk,
                "profile": run.profile,
                "threshold_min": services.WHAT_IF_THRESHOLD_MIN,
                "sites": [
                    {
                        "lon": p["lon"],
                        "lat": p["lat"],
                        "category": p["category"],
                        "category_name": category_names[p["category"]],
                    }
                    for p in proposals
                ],
                "totals": totals(rows, category_names),
                "zones": rows,
                "seconds": round(seconds, 4),
                "note": _(
                    "Nearest minutes, coverage and gap rank depend on where the new sites are, "
                    "not on their capacity; capacity enters the competition-aware measure "
                    "(E2SFCA) once a site is registered and access is recomputed."
                ),
            },
            status=status.HTTP_200_OK,
        )
