"""The public finder's API: places to search for (`/api/geocode/`) and the nearest published
sites on foot (`/api/nearest/`)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError as ModelValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from geoplan.access.models import PROFILE_SPEED_KMH
from geoplan.access.nearest import Filters, nearest_sites
from geoplan.registry.hours import in_turin
from geoplan.registry.models import check_inside_city
from geoplan.registry.open_state import describe
from geoplan.registry.vocabulary import LANGUAGE_CODES, TargetGroup

from .finder_search import search_places
from .pagination import _whole_number
from .params import category_param, profile_param
from .serializers import service_properties
from .throttling import FinderRateThrottle

MAX_NEAREST = 50
# A street-level site this close (about a metre) is at the point searched from.
SAME_POINT_DEG = 1e-5
# Hours are evaluated up to a year ahead; dates far from now answer nothing useful.
MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_QUERY = 200
TURIN = ZoneInfo(settings.TIME_ZONE)


def _number(request, name: str) -> float:
    text = request.query_params.get(name)
    if text in (None, ""):
        raise ValidationError({name: _("Give %(name)s in decimal degrees.") % {"name": name}})
    try:
        value = float(text)
    except ValueError:
        raise ValidationError(
            {name: _("%(name)s must be a number, not %(value)r.") % {"name": name, "value": text}}
        ) from None
    if value != value or value in (float("inf"), float("-inf")):
        raise ValidationError({name: _("%(name)s must be a finite number.") % {"name": name}})
    return value


def _point(request) -> tuple[float, float]:
    lon, lat = _number(request, "lon"), _number(request, "lat")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValidationError({"lon": _("lon must be within ±180 and lat within ±90.")})
    try:
        check_inside_city(Point(lon, lat, srid=4326))
    except ModelValidationError as exc:
        raise ValidationError({"lon": exc.messages}) from None
    return lon, lat


def _limit(request) -> int:
    return _whole_number(request, "limit", 5, 1, MAX_NEAREST)


def _flag(request, name: str) -> bool:
    text = (request.query_params.get(name) or "0").lower()
    if text not in {"0", "1", "true", "false"}:
        raise ValidationError({name: _("%(name)s must be 1 or 0.") % {"name": name}})
    return text in {"1", "true"}


def _open_at(request) -> datetime | None:
    text = request.query_params.get("open_at")
    if not text:
        return None
    if text == "now":
        return timezone.now().astimezone(TURIN)
    try:
        # In Turin's time: a naive time is Turin's, one in the spring gap moves on an hour.
        when = in_turin(datetime.fromisoformat(text))
    except (ValueError, OverflowError):
        raise ValidationError(
            {
                "open_at": _(
                    "open_at must be a date and time like 2026-12-01T18:30 (Turin time) or "
                    "now; got %(value)r."
                )
                % {"value": text}
            }
        ) from None
    if not MIN_YEAR <= when.year <= MAX_YEAR:
        raise ValidationError(
            {
                "open_at": _("open_at must be a date between %(min)d and %(max)d.")
                % {"min": MIN_YEAR, "max": MAX_YEAR}
            }
        )
    return when


def _choice(request, name: str, known) -> str | None:
    value = request.query_params.get(name)
    if not value:
        return None
    if value not in known:
        raise ValidationError(
            {
                name: _("Unknown %(name)s %(value)r. Known: %(known)s.")
                % {"name": name, "value": value, "known": ", ".join(sorted(known))}
            }
        )
    return value


NEAREST_PARAMETERS = [
    OpenApiParameter("lon", float, required=True, description="Longitude (EPSG:4326)."),
    OpenApiParameter("lat", float, required=True, description="Latitude (EPSG:4326)."),
    OpenApiParameter("category", str, description="A category code (see /api/categories/)."),
    OpenApiParameter("limit", int, description=f"How many sites, 1 to {MAX_NEAREST} (5)."),
    OpenApiParameter("profile", str, enum=["standard", "slow"], description="Walking speed."),
    OpenApiParameter(
        "open_at",
        str,
        description="Only services known to be open then: ISO 8601 (naive = Turin time) or now.",
    ),
    OpenApiParameter("route", bool, description="Add each walking route as a LineString."),
    OpenApiParameter("target_group", str, enum=sorted(TargetGroup.values)),
    OpenApiParameter("language", str, enum=sorted(LANGUAGE_CODES)),
    OpenApiParameter("step_free", bool, description="Only services with step-free access."),
]


class Nearest(APIView):
    """Published sites nearest on foot from a point, in walking order.

    The walk is the engine's: the point's snap leg, the network's shortest path and the
    site's snap leg (the same as `manage.py walk_time`). Each site lists its services that
    match the filters, each with its open state now (or at `open_at`)."""

    throttle_classes = [FinderRateThrottle]

    @extend_schema(
        parameters=NEAREST_PARAMETERS,
        responses={
            200: inline_serializer(
                "NearestSites",
                {
                    "type": serializers.CharField(),
                    "features": serializers.ListField(child=serializers.DictField()),
                    "origin": serializers.DictField(),
                    "unknown_hours": serializers.IntegerField(),
                },
            ),
            400: OpenApiTypes.OBJECT,
            429: OpenApiTypes.OBJECT,
        },
    )
    def get(self, request):
        lon, lat = _point(request)
        profile = profile_param(request)
        filters = Filters(
            category=category_param(request, required=False),
            target_group=_choice(request, "target_group", set(TargetGroup.values)),
            language=_choice(request, "language", LANGUAGE_CODES),
            step_free=_flag(request, "step_free"),
            open_at=_open_at(request),
        )
        answer = nearest_sites(
            lon,
            lat,
            filters,
            limit=_limit(request),
            speed_kmh=PROFILE_SPEED_KMH[profile],
            with_routes=_flag(request, "route"),
        )
        language = get_language() or "it"
        # Each service's state is told as of now ("Open now · closes at 18:00"), also when the
        # list was filtered for another time: its labels speak of now, and the person learns
        # both that it opens at the chosen time and what it is doing at this moment.
        now = timezone.now()
        features = []
        for near in answer.sites:
            site = near.site
            services = []
            for service in near.services:
                properties = service_properties(service, language)
                properties["open_state"] = describe(service, now)
                # Free texts are shown as published, marked with their language.
                properties["text_language"] = service.text_language
                services.append(properties)
            properties = {
                "id": site.pk,
                "name": site.name,
                "address": site.address,
                "location_precision": site.location_precision,
                "url": reverse("public:site", args=[site.pk]),
                "meters": round(near.meters),
                "minutes": round(near.minutes, 1),
                "is_illustrative": any(s.is_illustrative for s in near.services),
                # A street-level site at the very point searched from (the same street's point,
                # as a street-level search gives): its walk is unknown, not a minute.
                "same_street_point": site.location_precision == "street"
                and abs(site.geom.x - lon) < SAME_POINT_DEG
                and abs(site.geom.y - lat) < SAME_POINT_DEG,
                "services": services,
            }
            if near.route is not None:
                properties["route"] = {
                    "type": "LineString",
                    "coordinates": [[round(x, 6), round(y, 6)] for x, y in near.route],
                }
            features.append(
                {
                    "type": "Feature",
                    "id": site.pk,
                    "geometry": {
                        "type": "Point",
                        "coordinates": [round(site.geom.x, 7), round(site.geom.y, 7)],
                    },
                    "properties": properties,
                }
            )
        return Response(
            {
                "type": "FeatureCollection",
                "features": features,
                "origin": {"lon": lon, "lat": lat, "snap_m": round(answer.origin_snap_m, 1)},
                "profile": profile,
                "open_at": filters.open_at.isoformat() if filters.open_at else None,
                "unknown_hours": answer.unknown_hours,
            }
        )


class Geocode(APIView):
    """Places to search from, offline: sites and services by name, zones (neighbourhoods) by
    name, and the streets of the walking network. A street is placed at one point of it (the
    network has no house numbers), so its results say they are street-level."""

    throttle_classes = [FinderRateThrottle]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="What the person typed."),
        ],
        responses={
            200: inline_serializer(
                "Place",
                {
                    "label": serializers.CharField(),
                    "kind": serializers.ChoiceField(["site", "zone", "street"]),
                    "lon": serializers.FloatField(),
                    "lat": serializers.FloatField(),
                    "precision": serializers.CharField(),
                    "note": serializers.CharField(),
                },
                many=True,
            ),
            400: OpenApiTypes.OBJECT,
            429: OpenApiTypes.OBJECT,
        },
    )
    def get(self, request):
        query = request.query_params.get("q", "").strip()
        if not query:
            raise ValidationError(
                {"q": _("Type an address, a street, a place or the name of a service.")}
            )
        if len(query) > MAX_QUERY:
            raise ValidationError(
                {"q": _("At most %(max)d characters, please.") % {"max": MAX_QUERY}}
            )
        return Response(search_places(query))
