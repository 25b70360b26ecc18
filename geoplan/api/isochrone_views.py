"""Walking isochrones from a point or a published site: the areas reachable on foot within 5, 10,
15 and 20 minutes (or the bands asked for), with the residents each reaches."""

import re

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from geoplan.access.isochrones import DEFAULT_MINUTES, MAX_MINUTES, MIN_MINUTES, isochrones_geojson
from geoplan.registry.models import Service, Site

from .finder_views import _flag, _point
from .params import PROFILE_PARAMETER, profile_param
from .partner_serializers import DetailSerializer
from .schema import BAD_PARAMETERS, NOT_FOUND, EmptyMeansDefault
from .throttling import IsochroneRateThrottle

MAX_BANDS = 6
GEOJSON = "application/geo+json"


def minutes_param(request) -> list[int]:
    """The bands of ``?minutes=5,10,15,20`` (the default), sorted, each said once."""
    text = request.query_params.get("minutes") or ""
    if not text:
        return list(DEFAULT_MINUTES)
    parts = text.split(",")
    if len(parts) > MAX_BANDS:
        raise ValidationError({"minutes": _("At most %(n)d bands, please.") % {"n": MAX_BANDS}})
    values = []
    for part in parts:
        # Plain ASCII digits only, as the document's pattern says (int() would take " 5" or "٥").
        value = int(part) if re.fullmatch(r"[0-9]{1,2}", part) else None
        if value is None or not MIN_MINUTES <= value <= MAX_MINUTES:
            raise ValidationError(
                {
                    "minutes": _(
                        "minutes must be whole numbers of minutes from %(min)d to %(max)d, "
                        "separated by commas (like 5,10,15,20); %(value)r is not one."
                    )
                    % {"min": MIN_MINUTES, "max": MAX_MINUTES, "value": part}
                }
            )
        values.append(value)
    return sorted(set(values))


def published_site(request) -> Site:
    text = request.query_params.get("site", "")
    try:
        pk = int(text)
    except ValueError:
        raise ValidationError(
            {"site": _("site must be a site's number, not %(value)r.") % {"value": text}}
        ) from None
    site = (
        Site.objects.located()
        .filter(pk=pk, services__in=Service.objects.published())
        .distinct()
        .first()
    )
    if site is None:
        raise NotFound(_("No published site %(pk)d.") % {"pk": pk})
    return site


def start_point(request) -> tuple[tuple[float, float], Site | None]:
    """The point to walk from, ``lon``/``lat`` or a published ``site``, and the site if any."""
    has_site = bool(request.query_params.get("site"))
    has_point = any(request.query_params.get(k) for k in ("lon", "lat"))
    if has_site and has_point:
        raise ValidationError({"site": _("Give either site or lon and lat, not both.")})
    if has_site:
        site = published_site(request)
        return (site.geom.x, site.geom.y), site
    if not has_point:
        raise ValidationError(
            {"lon": _("Give lon and lat (decimal degrees) or a published site's number.")}
        )
    return _point(request), None


FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features", "profile", "speed_kmh", "buffer_m", "run", "points", "site"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {
            "type": "array",
            "description": str(
                gettext_lazy(
                    "One feature per band, from the shortest; each band contains the shorter "
                    "ones. Null geometry: the point is farther from the street network than "
                    "the band's minutes."
                )
            ),
            "items": {
                "type": "object",
                "required": ["type", "geometry", "properties"],
                "properties": {
                    "type": {"type": "string", "enum": ["Feature"]},
                    "geometry": {
                        "type": "object",
                        "nullable": True,
                        "required": ["type", "coordinates"],
                        "properties": {
                            "type": {"type": "string", "enum": ["Polygon", "MultiPolygon"]},
                            "coordinates": {"type": "array", "items": {"type": "array"}},
                        },
                    },
                    "properties": {
                        "type": "object",
                        "required": ["point", "minutes", "area_km2", "residents"],
                        "properties": {
                            "point": {
                                "type": "integer",
                                "description": str(gettext_lazy("Position in points, from 0.")),
                            },
                            "minutes": {"type": "integer"},
                            "area_km2": {"type": "number"},
                            "residents": {
                                "type": "integer",
                                "nullable": True,
                                "description": str(
                                    gettext_lazy(
                                        "Residents of the latest run's population cells whose "
                                        "centre is within the band's minutes on foot (null "
                                        "without a run)."
                                    )
                                ),
                            },
                        },
                    },
                },
            },
        },
        "profile": {"type": "string", "enum": ["standard", "slow"]},
        "speed_kmh": {"type": "number"},
        "buffer_m": {
            "type": "number",
            "description": str(
                gettext_lazy("How far each side of a reachable street a band reaches.")
            ),
        },
        "run": {"type": "integer", "nullable": True},
        "points": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["lon", "lat"],
                "properties": {"lon": {"type": "number"}, "lat": {"type": "number"}},
            },
        },
        "site": {"type": "integer", "nullable": True},
    },
}


@extend_schema(
    parameters=[
        OpenApiParameter(
            "lon",
            float,
            description=gettext_lazy("Longitude of the point (EPSG:4326), with lat; or site."),
        ),
        OpenApiParameter(
            "lat",
            float,
            description=gettext_lazy("Latitude of the point (EPSG:4326), with lon; or site."),
        ),
        OpenApiParameter(
            "site",
            int,
            description=gettext_lazy("A published site's number, instead of lon and lat."),
        ),
        EmptyMeansDefault(
            "minutes",
            str,
            pattern=r"^\d{1,2}(,\d{1,2}){0,5}$",
            description=gettext_lazy(
                "The bands, in minutes on foot: 1 to 30 each, at most 6, separated by commas "
                "(5,10,15,20 when left out)."
            ),
        ),
        PROFILE_PARAMETER,
        OpenApiParameter(
            "download",
            bool,
            description=gettext_lazy(
                "1: the answer as a .geojson file to save (application/geo+json, attachment)."
            ),
        ),
    ],
    responses={
        (200, "application/json"): OpenApiResponse(
            FEATURE_COLLECTION,
            description=gettext_lazy("The bands of each point, as GeoJSON (EPSG:4326)."),
        ),
        (200, GEOJSON): OpenApiResponse(
            FEATURE_COLLECTION,
            description=gettext_lazy("With download=1: the same, as a file."),
        ),
        400: BAD_PARAMETERS,
        404: NOT_FOUND,
        429: OpenApiResponse(
            DetailSerializer,
            description=gettext_lazy(
                "Too many requests from this account (or, without one, from this address): the "
                "Retry-After header says when."
            ),
        ),
    },
)
class Isochrones(APIView):
    """Walking isochrones from a point (`lon`, `lat`) or a published `site`: the streets reachable
    within each band's minutes (the point's straight leg to the street network walked first,
    then the network), each widened by `buffer_m` metres on both sides, with the residents within
    the band's minutes on foot."""

    throttle_classes = [IsochroneRateThrottle]

    def get(self, request):
        point, site = start_point(request)
        minutes = minutes_param(request)
        profile = profile_param(request)
        download = _flag(request, "download")
        answer = {
            **isochrones_geojson([point], minutes, profile),
            "site": site.pk if site else None,
        }
        if not download:
            return Response(answer)
        response = HttpResponse(JSONRenderer().render(answer), content_type=GEOJSON)
        where = f"site-{site.pk}" if site else f"{point[0]:.5f}_{point[1]:.5f}"
        day = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="isochrones-{where}-{profile}-{day}.geojson"'
        )
        return response
