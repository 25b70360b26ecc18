"""Accessibility results of the latest completed run, and the what-if endpoint."""

import math

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError as ModelValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from geoplan.access import services
from geoplan.access.models import AccessRun, CellAccess, ZoneAccess
from geoplan.registry.models import ServiceCategory, check_inside_city
from geoplan.territory.models import Zone

from .params import category_param, profile_param

MAX_PROPOSALS = 20


def latest_run(request) -> AccessRun:
    """The latest completed run (real services only) of `?profile=` (standard by default)."""
    run = AccessRun.objects.latest_completed(profile_param(request))
    if run is None:
        raise NotFound(
            _("No accessibility run for this profile yet: run `manage.py compute_access`.")
        )
    return run


def _round(v, digits=2):
    if v is None or not math.isfinite(v):
        return None
    return round(v, digits)


def feature_collection(run: AccessRun, rows, geometry, properties) -> Response:
    """GeoJSON of result rows; geometry and properties are functions of a row."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": geometry(r).geom_type, "coordinates": geometry(r).coords},
            "properties": properties(r),
        }
        for r in rows
    ]
    return Response({"type": "FeatureCollection", "run": run.pk, "features": features})


def cell_properties(m: CellAccess) -> dict:
    return {
        "h3": m.cell.h3,
        "population": m.cell.population,
        "nearest_min": _round(m.nearest_min, 1),
        "sites_within_15": m.sites_within_15,
        "e2sfca": _round(m.e2sfca, 6),
    }


def zone_properties(r: ZoneAccess) -> dict:
    return {
        "code": r.zone.code,
        "name": r.zone.name,
        "population": r.population,
        "mean_min": _round(r.mean_min, 1),
        "share_within_10": _round(r.share_within_10, 3),
        "share_within_15": _round(r.share_within_15, 3),
        "share_within_20": _round(r.share_within_20, 3),
        "e2sfca_mean": _round(r.e2sfca_mean, 6),
        "need": _round(r.need, 3),
        "gap": _round(r.gap, 3),
        "gap_rank": r.gap_rank,
    }


class CellAccessList(APIView):
    """H3 cells with minutes to the nearest site of `?category=` (GeoJSON)."""

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        rows = CellAccess.objects.filter(cell__run=run, category=category).select_related("cell")
        return feature_collection(run, rows, lambda m: m.cell.geom, cell_properties)


class ZoneAccessList(APIView):
    """Zones with mean minutes, coverage, E2SFCA, need, gap score and rank for `?category=`."""

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        rows = ZoneAccess.objects.filter(run=run, category=category).select_related("zone")
        return feature_collection(run, rows, lambda r: r.zone.geom, zone_properties)


class WorstGaps(APIView):
    """The zones with the worst gap (rank 1 first) for `?category=`; `?n=` (default 10)."""

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        try:
            n = min(max(int(request.query_params.get("n", 10)), 1), 94)
        except ValueError:
            raise ValidationError({"n": _("n must be a whole number.")}) from None
        rows = (
            ZoneAccess.objects.filter(run=run, category=category, gap_rank__isnull=False)
            .select_related("zone")
            .order_by("gap_rank", "zone__code")[:n]
        )
        return Response(
            {
                "run": run.pk,
                "category": category,
                "city": run.city.get(category, {}),
                "zones": [{"rank": r.gap_rank} | zone_properties(r) for r in rows],
            }
        )


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
