"""The what-if endpoint: proposed sites answered from the latest run, with no recompute."""

import math

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError as ModelValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from geoplan.access import services
from geoplan.registry.models import ServiceCategory, check_inside_city
from geoplan.territory.models import Zone

from .access_views import _round, latest_run

MAX_PROPOSALS = 20


class ProposalSerializer(serializers.Serializer):
    lon = serializers.FloatField()
    lat = serializers.FloatField()
    category = serializers.CharField()
    capacity = serializers.IntegerField(required=False, min_value=0, allow_null=True)

    def validate(self, attrs):
        try:
            check_inside_city(Point(attrs["lon"], attrs["lat"], srid=4326))
        except ModelValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        if not ServiceCategory.objects.filter(code=attrs["category"]).exists():
            raise serializers.ValidationError(
                {"category": _("Unknown category %(code)r.") % {"code": attrs["category"]}}
            )
        return attrs


class WhatIfSerializer(serializers.Serializer):
    sites = ProposalSerializer(many=True, allow_empty=False, max_length=MAX_PROPOSALS)


class WhatIf(APIView):
    """POST {"sites": [{"lon", "lat", "category", "capacity"}]}: per affected zone, residents newly
    within 15 minutes, change in mean minutes and in gap rank (bounded search, no recompute)."""

    # Each proposal costs a bounded Dijkstra: keep anonymous use to a human pace.
    throttle_classes = [AnonRateThrottle]

    def post(self, request):
        body = WhatIfSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        run = latest_run(request)
        proposals = body.validated_data["sites"]
        out = []
        seconds = 0.0
        names = dict(Zone.objects.values_list("code", "name"))
        for category in sorted({p["category"] for p in proposals}):
            try:
                result = services.what_if(
                    run, category, [p for p in proposals if p["category"] == category]
                )
            except services.StaleRun as exc:
                return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
            seconds += result["seconds"]
            for code, row in result["zones"].iterrows():
                out.append(
                    {
                        "zone": code,
                        "zone_name": names.get(code, ""),
                        "category": category,
                        "newly_within_15": int(row["newly_within"]),
                        "mean_min_before": _round(row["mean_min_before"], 2),
                        "mean_min_after": _round(row["mean_min_after"], 2),
                        "delta_mean_min": _round(row["delta_mean_min"], 2),
                        "gap_rank_before": _int(row.get("gap_rank_before")),
                        "gap_rank_after": _int(row.get("gap_rank_after")),
                    }
                )
        out.sort(key=lambda z: -z["newly_within_15"])
        return Response(
            {
                "run": run.pk,
                "profile": run.profile,
                "threshold_min": services.WHAT_IF_THRESHOLD_MIN,
                "zones": out,
                "seconds": round(seconds, 4),
                "note": _(
                    "Nearest minutes, coverage and gap rank depend on where the new sites are, "
                    "not on their capacity; capacity enters the competition-aware measure "
                    "(E2SFCA) once a site is registered and access is recomputed."
                ),
            },
            status=status.HTTP_200_OK,
        )


def _int(value):
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else int(value)
