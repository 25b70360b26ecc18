"""Need indicators with their provenance, their values per zone, and each category's need index."""

import pandas as pd
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response

from geoplan.access.models import NeedWeight, ZoneAccess
from geoplan.access.need_profiles import latest_values
from geoplan.territory.models import Indicator, Zone
from layers.catalogue import YLORRD_5, classify

from .access_answers import NeedLayerSerializer
from .access_views import _round, latest_run
from .answers import IndicatorDetailSerializer, IndicatorSerializer
from .filters import IndicatorFilter, ParameterFilterBackend
from .pagination import ListPagination
from .params import PROFILE_PARAMETER, category_param, category_parameter
from .schema import BAD_PARAMETERS, NO_RUN, NOT_FOUND


def indicator_json(i: Indicator, language: str) -> dict:
    return {
        "code": i.code,
        "label": i.label(language),
        "unit": i.unit,
        "kind": i.kind,
        "level": i.level,
        "year": i.year_label or None,
        "geography": i.geography or i.get_level_display(),
        "source": i.source,
        "licence": i.licence,
        "method": i.method,
        "higher_means_more_need": i.higher_means_more_need,
        "numerator": i.numerator.code if i.numerator else None,
        "denominator": i.denominator.code if i.denominator else None,
        "layer": i.layer.file_name if i.layer else None,
    }


def _indicators():
    return Indicator.objects.select_related("numerator", "denominator", "layer")


@extend_schema_view(get=extend_schema(responses={200: IndicatorSerializer, 400: BAD_PARAMETERS}))
class IndicatorList(ListAPIView):
    """Every indicator with its provenance (unit, year, geography, source, licence, method), by
    code; `?kind=`, `?level=` and `?in_need=` filter."""

    serializer_class = IndicatorSerializer
    pagination_class = ListPagination
    filter_backends = [ParameterFilterBackend]
    filterset_class = IndicatorFilter

    def get_queryset(self):
        return _indicators().order_by("code")

    def list(self, request, *args, **kwargs):
        language = get_language() or "it"
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response([indicator_json(i, language) for i in page])


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter(
                "code",
                {"type": "string", "pattern": r"^[-a-zA-Z0-9_]+$"},
                OpenApiParameter.PATH,
                description=gettext_lazy("The indicator's code (see /api/indicators/)."),
            )
        ],
        responses={200: IndicatorDetailSerializer, 404: NOT_FOUND},
    )
)
class IndicatorDetail(GenericAPIView):
    """One indicator's value per zone (its latest dated year), with a legend for the map."""

    pagination_class = None
    filter_backends = []
    serializer_class = IndicatorDetailSerializer

    def get(self, request, code):
        indicator = _indicators().filter(code=code).first()
        if indicator is None:
            raise NotFound(_("Unknown indicator %(code)r: see /api/indicators/.") % {"code": code})
        table = latest_values([code])
        names = dict(Zone.objects.values_list("code", "name"))
        values = table[code].dropna() if code in table else pd.Series(dtype=float)
        decimals = 1 if indicator.unit == "%" else 0
        body = indicator_json(indicator, get_language() or "it")
        body["values"] = [
            {"zone": z, "name": names.get(z, ""), "value": _round(float(v), 4)}
            for z, v in values.items()
        ]
        body["legend"] = classify(list(values), YLORRD_5, decimals=decimals)
        return Response(body)


@extend_schema_view(
    get=extend_schema(
        parameters=[category_parameter(True), PROFILE_PARAMETER],
        responses={200: NeedLayerSerializer, 400: BAD_PARAMETERS, 404: NO_RUN},
    )
)
class NeedLayer(GenericAPIView):
    """The need index of `?category=` per zone (latest run of `?profile=`), with its components."""

    pagination_class = None
    filter_backends = []
    serializer_class = NeedLayerSerializer

    def get(self, request):
        run, category = latest_run(request), category_param(request)
        language = get_language() or "it"
        weights = {
            w.indicator.code: w
            for w in NeedWeight.objects.filter(
                profile__category__code=category, weight__gt=0
            ).select_related("indicator")
        }
        used = run.params.get("need_weights", {}).get(category, {})
        components = [
            {
                "code": code,
                "label": weights[code].indicator.label(language) if code in weights else code,
                "weight": weight,
                "year": weights[code].indicator.year_label if code in weights else None,
                "source": weights[code].indicator.source if code in weights else None,
                "geography": weights[code].indicator.geography if code in weights else None,
            }
            for code, weight in used.items()
        ]
        rows = ZoneAccess.objects.filter(run=run, category=category).select_related("zone")
        values = [
            {"zone": r.zone.code, "name": r.zone.name, "value": _round(r.need, 3)} for r in rows
        ]
        sources = sorted({c["source"] for c in components if c["source"]})
        years = sorted({c["year"] for c in components if c["year"]})
        return Response(
            {
                "run": run.pk,
                "category": category,
                "title": _("Need index"),
                "unit": _("z-score (0 = city average)"),
                "source": "; ".join(sources),
                "year": ", ".join(years),
                "components": components,
                "values": values,
                "legend": classify([v["value"] for v in values], YLORRD_5, decimals=2),
            }
        )
