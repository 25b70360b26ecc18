"""Accessibility results of the latest completed run.

Every answer here is a function of one run, the language and the query: those make its ETag, the
run's end its Last-Modified, so an unchanged answer is a 304 read from nothing but the run row,
and a newer run is seen at the next request (clients must revalidate: ``no-cache``).
"""

import hashlib
import math

from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from geoplan.access.models import AccessRun, CellAccess, ZoneAccess
from geoplan.analysis.measures import GAP_THRESHOLD_MIN
from layers.catalogue import get_layer

from .access_answers import (
    CellFeatureSerializer,
    CellsH3Serializer,
    WorstGapsSerializer,
    ZoneAccessFeatureSerializer,
    ZoneValuesSerializer,
)
from .filters import CellAccessFilter, ParameterFilterBackend, ZoneAccessFilter
from .pagination import RunFeaturePagination
from .params import PROFILE_PARAMETER, category_param, category_parameter, profile_param
from .schema import BAD_PARAMETERS, NO_RUN

# Answers carry an ETag: a client sending it back in If-None-Match gets this when unchanged.
NOT_MODIFIED = OpenApiResponse(description=gettext_lazy("Unchanged since the copy the client has."))


def latest_run(request) -> AccessRun:
    """The latest completed run (real services only) of `?profile=` (standard by default)."""
    run = AccessRun.objects.latest_completed(profile_param(request))
    if run is None:
        raise NotFound(
            _("No accessibility run for this profile yet: run `manage.py compute_access`.")
        )
    return run


# Part of every ETag: a change of an answer's shape must not be met by a client's old copy.
PAYLOAD_FORMAT = "2"


def run_etag(request, run: AccessRun) -> str:
    """The run, its end, the language, the path and the (sorted) query: all an answer depends on."""
    query = "&".join(f"{k}={v}" for k, values in sorted(request.GET.lists()) for v in values)
    finished = run.finished_at.isoformat() if run.finished_at else ""
    language = get_language() or ""
    key = "|".join((PAYLOAD_FORMAT, request.path, query, str(run.pk), finished, language))
    return f'"run{run.pk}-{language}-{hashlib.blake2b(key.encode(), digest_size=8).hexdigest()}"'


def run_response(request, run: AccessRun, build):
    """``build()``'s answer with the run's validators, or 304 Not Modified without building it
    when the client's copy is current."""
    etag = run_etag(request, run)
    last_modified = run.finished_at.timestamp() if run.finished_at else None
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = build()
    response.headers["ETag"] = etag
    if last_modified is not None:
        response.headers["Last-Modified"] = http_date(last_modified)
    # Kept, but checked every time: a later run shows at the next switch.
    patch_cache_control(response, no_cache=True)
    # The language comes from the header or from the language cookie.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def run_facts(run: AccessRun, category: str) -> dict:
    """What identifies the answer of a compact endpoint: run, when it was computed, the choice."""
    finished = timezone.localtime(run.finished_at).isoformat() if run.finished_at else None
    return {"run": run.pk, "computed_at": finished, "category": category, "profile": run.profile}


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


# The compact cells answer: one row per cell, values in this order.
CELL_COLUMNS = ("h3", "nearest_min", "population", "sites_within_15", "e2sfca")


def cell_properties(m: CellAccess) -> dict:
    return {
        "h3": m.cell.h3,
        "population": m.cell.population,
        "nearest_min": _round(m.nearest_min, 1),
        "sites_within_15": m.sites_within_15,
        "e2sfca": _round(m.e2sfca, 6),
    }


def rank_label(r: ZoneAccess) -> str | None:
    """ "3", or "=3" when other zones share the rank."""
    if r.gap_rank is None:
        return None
    return f"={r.gap_rank}" if r.gap_tied else str(r.gap_rank)


def gap_properties(r: ZoneAccess) -> dict:
    """Need, its components and the gap of one zone result (shared by the zone panel)."""
    return {
        "mean_min": _round(r.mean_min, 1),
        "share_within_15": _round(r.share_within_15, 3),
        "need": _round(r.need, 3),
        "need_01": _round(r.need_01, 3),
        "need_components": {k: _round(v, 3) for k, v in r.need_components.items()},
        "residents_beyond": r.residents_beyond,
        "threshold_min": r.run.params.get("gap_threshold_min", GAP_THRESHOLD_MIN),
        "gap": _round(r.gap, 3),
        "gap_people": _round(r.gap_people, 0),
        "gap_rank": r.gap_rank,
        "gap_tied": r.gap_tied,
        "rank_label": rank_label(r),
    }


def zone_properties(r: ZoneAccess) -> dict:
    return {
        "code": r.zone.code,
        "name": r.zone.name,
        "population": r.population,
        "share_within_10": _round(r.share_within_10, 3),
        "share_within_20": _round(r.share_within_20, 3),
        "e2sfca_mean": _round(r.e2sfca_mean, 6),
    } | gap_properties(r)


class RunFeatureList(GenericAPIView):
    """A page of a run's results as GeoJSON, filtered by the view's FilterSet."""

    pagination_class = RunFeaturePagination
    filter_backends = [ParameterFilterBackend]

    def feature_page(self, run: AccessRun, rows, geometry, properties) -> Response:
        page = self.paginate_queryset(rows)
        collection = feature_collection(run, page, geometry, properties).data
        return self.get_paginated_response(collection)


@extend_schema_view(
    get=extend_schema(
        parameters=[category_parameter(True), PROFILE_PARAMETER],
        responses={
            200: CellFeatureSerializer(many=True),
            304: NOT_MODIFIED,
            400: BAD_PARAMETERS,
            404: NO_RUN,
        },
    )
)
class CellAccessList(RunFeatureList):
    """H3 cells with minutes to the nearest site of `?category=` (GeoJSON, with the hexagons),
    by H3 index; `?bbox=` keeps the cells that intersect it."""

    filterset_class = CellAccessFilter

    def get_queryset(self):
        return CellAccess.objects.select_related("cell").order_by("cell__h3", "pk")

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        rows = self.filter_queryset(self.get_queryset().filter(cell__run=run, category=category))

        def build():
            return self.feature_page(run, rows, lambda m: m.cell.geom, cell_properties)

        return run_response(request, run, build)


@extend_schema_view(
    get=extend_schema(
        parameters=[category_parameter(True), PROFILE_PARAMETER],
        responses={200: CellsH3Serializer, 304: NOT_MODIFIED, 400: BAD_PARAMETERS, 404: NO_RUN},
    )
)
class CellAccessH3(GenericAPIView):
    """Every H3 cell of the run for `?category=` without geometry (a client draws the hexagon
    from its index): `columns` names the values of each row of `cells`; `legend` classes the
    minutes as the map's layer does."""

    pagination_class = None
    filter_backends = []
    serializer_class = CellsH3Serializer

    def get(self, request):
        run, category = latest_run(request), category_param(request)

        def build():
            rows = list(
                CellAccess.objects.filter(cell__run=run, category=category)
                .order_by("cell__h3")
                .values_list(
                    "cell__h3", "nearest_min", "cell__population", "sites_within_15", "e2sfca"
                )
            )
            cells = [
                [h3, _round(minutes, 1), population, within_15, _round(e2sfca, 6)]
                for h3, minutes, population, within_15, e2sfca in rows
            ]
            legend = get_layer("access-nearest").legend_of(r[1] for r in rows)
            return Response(
                run_facts(run, category)
                | {"columns": CELL_COLUMNS, "cells": cells, "legend": legend}
            )

        return run_response(request, run, build)


def zone_results(run: AccessRun, category: str):
    return (
        ZoneAccess.objects.filter(run=run, category=category)
        .select_related("zone", "run")
        .order_by("zone__code")
    )


@extend_schema_view(
    get=extend_schema(
        parameters=[category_parameter(True), PROFILE_PARAMETER],
        responses={
            200: ZoneAccessFeatureSerializer(many=True),
            304: NOT_MODIFIED,
            400: BAD_PARAMETERS,
            404: NO_RUN,
        },
    )
)
class ZoneAccessList(RunFeatureList):
    """Zones with mean minutes, coverage, E2SFCA, need and its components, residents beyond the
    threshold, gap intensity, gap in people and rank (with ties) for `?category=` (GeoJSON), by
    zone code; `?bbox=` and `?circoscrizione=` filter."""

    filterset_class = ZoneAccessFilter

    def get_queryset(self):
        return ZoneAccess.objects.select_related("zone", "run").order_by("zone__code")

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        rows = self.filter_queryset(self.get_queryset().filter(run=run, category=category))

        def build():
            return self.feature_page(run, rows, lambda r: r.zone.geom, zone_properties)

        return run_response(request, run, build)


@extend_schema_view(
    get=extend_schema(
        parameters=[category_parameter(True), PROFILE_PARAMETER],
        responses={200: ZoneValuesSerializer, 304: NOT_MODIFIED, 400: BAD_PARAMETERS, 404: NO_RUN},
    )
)
class ZoneAccessValues(GenericAPIView):
    """The same values per zone without the zone polygons (joined by `code` to `/api/zones/`),
    with the gap layer's `legend`."""

    pagination_class = None
    filter_backends = []
    serializer_class = ZoneValuesSerializer

    def get(self, request):
        run, category = latest_run(request), category_param(request)

        def build():
            zones = [zone_properties(r) for r in zone_results(run, category).defer("zone__geom")]
            layer = get_layer("zones-gap")
            return Response(
                run_facts(run, category)
                | {"zones": zones, "legend": layer.legend_of(z["gap"] for z in zones)}
            )

        return run_response(request, run, build)


def worst_n(request) -> int:
    """``?n=``: how many zones (10 by default); more than there are gives every zone."""
    raw = request.query_params.get("n", "10")
    try:
        n = int(raw)
    except ValueError:
        n = 0
    if n < 1:
        raise ValidationError(
            {"n": _("n must be a whole number of at least 1, not %(raw)r.") % {"raw": raw}}
        )
    return min(n, 94)


@extend_schema_view(
    get=extend_schema(
        parameters=[
            category_parameter(True),
            PROFILE_PARAMETER,
            OpenApiParameter(
                "n",
                {"type": "integer", "minimum": 1},
                description=gettext_lazy(
                    "How many zones (10 by default), extended to every zone tied with the n-th."
                ),
            ),
        ],
        responses={200: WorstGapsSerializer, 400: BAD_PARAMETERS, 404: NO_RUN},
    )
)
class WorstGaps(GenericAPIView):
    """The zones with the worst gap in people (rank 1 first) for `?category=`; `?n=` (default
    10), extended to every zone tied with the n-th."""

    pagination_class = None
    filter_backends = []
    serializer_class = WorstGapsSerializer

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        n = worst_n(request)
        ranked = (
            ZoneAccess.objects.filter(run=run, category=category, gap_rank__isnull=False)
            .select_related("zone", "run")
            .order_by("gap_rank", "zone__code")
        )
        rows = list(ranked[:n])
        if rows:
            # A tie at the last place is shown whole: never cut between equal zones.
            shown = {r.pk for r in rows}
            rows += [r for r in ranked.filter(gap_rank=rows[-1].gap_rank) if r.pk not in shown]
        return Response(
            {
                "run": run.pk,
                "category": category,
                "profile": run.profile,
                "threshold_min": run.params.get("gap_threshold_min", GAP_THRESHOLD_MIN),
                "city": run.city.get(category, {}),
                "zones": [{"rank": r.gap_rank} | zone_properties(r) for r in rows],
            }
        )
