"""Accessibility results of the latest completed run."""

import math

from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from geoplan.access.models import AccessRun, CellAccess, ZoneAccess
from geoplan.analysis.measures import GAP_THRESHOLD_MIN

from .params import category_param, profile_param


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


class CellAccessList(APIView):
    """H3 cells with minutes to the nearest site of `?category=` (GeoJSON)."""

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        rows = CellAccess.objects.filter(cell__run=run, category=category).select_related("cell")
        return feature_collection(run, rows, lambda m: m.cell.geom, cell_properties)


class ZoneAccessList(APIView):
    """Zones with mean minutes, coverage, E2SFCA, need and its components, residents beyond the
    threshold, gap intensity, gap in people and rank (with ties) for `?category=`."""

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        rows = ZoneAccess.objects.filter(run=run, category=category).select_related("zone", "run")
        return feature_collection(run, rows, lambda r: r.zone.geom, zone_properties)


class WorstGaps(APIView):
    """The zones with the worst gap in people (rank 1 first) for `?category=`; `?n=` (default
    10), extended to every zone tied with the n-th."""

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        try:
            n = min(max(int(request.query_params.get("n", 10)), 1), 94)
        except ValueError:
            raise ValidationError({"n": _("n must be a whole number.")}) from None
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
