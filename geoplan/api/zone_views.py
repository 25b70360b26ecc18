"""One zone in full: its indicators, need and access per category, and the sites near it."""

from django.db.models import Prefetch
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from geoplan.access.models import AccessRun, ZoneAccess
from geoplan.access.need_profiles import latest_values
from geoplan.registry.models import Service, ServiceCategory, Site
from geoplan.territory.models import METRIC_SRID, Indicator, Zone

from .access_views import _round, gap_properties
from .answers import ZoneDetailSerializer
from .params import PROFILE_PARAMETER, profile_param
from .schema import BAD_PARAMETERS, NOT_FOUND

NEARBY_M = 1000


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter(
                "code",
                str,
                OpenApiParameter.PATH,
                description=gettext_lazy("The zone's code, e.g. 01 (see /api/zones/)."),
            ),
            PROFILE_PARAMETER,
        ],
        responses={200: ZoneDetailSerializer, 400: BAD_PARAMETERS, 404: NOT_FOUND},
    )
)
class ZoneDetail(GenericAPIView):
    """`GET /api/zones/<code>/?profile=`: indicators with provenance, need components and access
    per category (latest run of the profile), published sites within 1 km."""

    pagination_class = None
    filter_backends = []
    serializer_class = ZoneDetailSerializer

    def get(self, request, code):
        # PostgreSQL cannot compare a text holding NUL: no zone has such a code.
        zone = (
            Zone.objects.with_population()
            .select_related("circoscrizione")
            .filter(code=code)
            .first()
            if "\x00" not in code
            else None
        )
        if zone is None:
            raise NotFound(_("Unknown zone %(code)r.") % {"code": code})
        language = get_language() or "it"
        profile = profile_param(request)
        run = AccessRun.objects.latest_completed(profile)
        return Response(
            {
                "code": zone.code,
                "name": zone.name,
                "circoscrizione": zone.circoscrizione.number,
                "circoscrizione_name": zone.circoscrizione.name,
                "population": None if zone.population is None else int(zone.population),
                "population_year": zone.population_year,
                "bbox": list(zone.geom.extent),
                "profile": profile,
                "run": run.pk if run else None,
                "indicators": _indicators(zone, language),
                "access": _access(zone, run, language),
                "sites_nearby": _sites_nearby(zone, language),
            }
        )


def _indicators(zone: Zone, language: str) -> list[dict]:
    indicators = list(Indicator.objects.exclude(kind=Indicator.Kind.COUNT))
    table = latest_values([i.code for i in indicators])
    row = table.loc[zone.code] if zone.code in table.index else {}
    return [
        {
            "code": i.code,
            "label": i.label(language),
            "unit": i.unit,
            "year": i.year_label or None,
            "value": _round(float(row[i.code]), 2) if i.code in row else None,
            "geography": i.geography or i.get_level_display(),
            "source": i.source,
            "in_need": i.higher_means_more_need is not None,
        }
        for i in indicators
    ]


def _access(zone: Zone, run, language: str) -> list[dict]:
    if run is None:
        return []
    labels = {i.code: i.label(language) for i in Indicator.objects.all()}
    rows = ZoneAccess.objects.filter(run=run, zone=zone).select_related("run").order_by("category")
    categories = {c.code: c for c in ServiceCategory.objects.all()}
    weights = run.params.get("need_weights", {})
    out = []
    for r in rows:
        category = categories.get(r.category)
        props = gap_properties(r)
        props["components"] = [
            {
                "code": k,
                "label": labels.get(k, k),
                "weight": weights.get(r.category, {}).get(k),
                "z": z,
            }
            for k, z in props.pop("need_components").items()
        ]
        out.append(
            {
                "category": r.category,
                "category_name": category.name(language) if category else r.category,
                "color": category.color if category else None,
                "order": category.order if category else 0,
            }
            | props
        )
    return sorted(out, key=lambda a: (a.pop("order"), a["category"]))


def _sites_nearby(zone: Zone, language: str) -> list[dict]:
    area = zone.geom.transform(METRIC_SRID, clone=True)
    published = Service.objects.published(include_illustrative=True).select_related("category")
    sites = (
        Site.objects.located()
        .filter(pk__in=published.values("site_id"))
        .prefetch_related(Prefetch("services", published, to_attr="published_services"))
    )
    out = []
    for site in sites:
        distance = area.distance(site.geom.transform(METRIC_SRID, clone=True))
        if distance > NEARBY_M:
            continue
        for s in site.published_services:
            out.append(
                {
                    "id": site.pk,
                    "name": s.name,
                    "address": site.address,
                    "category": s.category.code,
                    "category_name": s.category.name(language),
                    "distance_m": round(distance),
                    "in_zone": distance == 0,
                    "is_illustrative": s.is_illustrative,
                }
            )
    return sorted(out, key=lambda s: (s["distance_m"], s["name"]))
