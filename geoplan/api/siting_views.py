"""Optimal siting (planners): POST /api/siting/ starts a background job choosing the best new
sites of a category; the job's answer is saved as a scenario (geoplan.planning.tasks)."""

import json
import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.throttling import UserRateThrottle

from geoplan.access.models import AccessRun
from geoplan.access.recompute import enqueue_job
from geoplan.jobs.models import Job
from geoplan.planning.permissions import IsPlanner
from geoplan.planning.tasks import run_siting

from .job_views import job_json
from .partner_serializers import DetailSerializer
from .schema import FORBIDDEN, NO_RUN, NOT_AUTHENTICATED
from .siting_serializers import (
    SitingJobSerializer,
    SitingMultipartSerializer,
    SitingRequestSerializer,
    SitingUploadSerializer,
)

log = logging.getLogger(__name__)


class SitingRateThrottle(UserRateThrottle):
    """Each request may queue a solver run of up to a minute on the one siting worker: a pace
    no person clicking reaches, counted per account across web processes (shared cache)."""

    scope = "siting"
    rate = "30/min"
    cache = caches["shared"]

    def get_cache_key(self, request, view):
        key = super().get_cache_key(request, view)
        return key and f"{settings.DATABASES['default']['NAME']}:{key}"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # Redis down: a planner's request is served, and it is said
            log.warning("siting rate not checked, the shared cache is unreachable: %s", exc)
            return True


def _body(request):
    """The request's fields; from a form, empty fields count as left out and candidates may
    come as JSON text."""
    data = request.data
    if not hasattr(data, "getlist"):
        return data
    body = {key: data.get(key) for key in data if data.get(key) not in ("", None)}
    if isinstance(body.get("candidates"), str):
        try:
            body["candidates"] = json.loads(body["candidates"])
        except ValueError:
            raise serializers.ValidationError(
                {
                    "candidates": _(
                        'candidates must be JSON text: a list of points like [{"lon": 7.68, '
                        '"lat": 45.07}].'
                    )
                }
            ) from None
    return body


REFUSED = OpenApiResponse(
    {
        "type": "object",
        "additionalProperties": {},
        "example": {
            "candidates_file": [
                "line 3: lat is not a number ('45,07a').",
                "line 9 (9.19000, 45.46420) is outside the City of Turin.",
            ]
        },
    },
    description=gettext_lazy(
        "The request is refused, nothing is queued: {field: [sentences]}; candidate points are "
        "named by position, a file's rows by line (CSV) or feature number (GeoJSON)."
    ),
)

EXAMPLE = {
    "category": "night_shelter",
    "k": 3,
    "threshold_min": 15,
    "profile": "standard",
    "model": "mclp",
}


@extend_schema_view(
    post=extend_schema(
        request={
            "application/json": SitingRequestSerializer,
            "multipart/form-data": SitingMultipartSerializer,
        },
        examples=[
            OpenApiExample(
                gettext_lazy("Three night shelters on a 400 m grid of candidates"),
                value=EXAMPLE,
                request_only=True,
            ),
            OpenApiExample(
                gettext_lazy("Two food hubs chosen among given points"),
                value={
                    "category": "food_distribution",
                    "k": 2,
                    "candidates": [
                        {"lon": 7.6745, "lat": 45.0495, "capacity": 300, "name": "Via Nizza"},
                        {"lon": 7.7050, "lat": 45.0890},
                        {"lon": 7.6400, "lat": 45.0350},
                    ],
                },
                request_only=True,
            ),
        ],
        responses={
            202: OpenApiResponse(
                SitingJobSerializer,
                description=gettext_lazy(
                    "The siting job, queued: follow it at job.url until it succeeds (its result "
                    "holds the chosen sites and the id of the scenario saved with them) or fails "
                    "(its error says why; nothing is saved)."
                ),
            ),
            400: REFUSED,
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NO_RUN,
            429: OpenApiResponse(
                DetailSerializer,
                description=gettext_lazy(
                    "Too many siting requests from this account in a minute: the Retry-After "
                    "header says when to try again."
                ),
            ),
        },
    )
)
class Siting(GenericAPIView):
    """POST (planners) {"category", "k", "threshold_min", "profile", "model",
    "coverage_target", "grid_spacing_m", "time_limit_s", "candidates" | "candidates_file"}: a
    background job choosing the k best new sites of the category (maximal coverage, p-median or
    set cover) among the candidate points or a grid over the city; 202 with the job to follow.
    The answer is also saved as a scenario (its id in the job's result)."""

    permission_classes = [IsPlanner]
    throttle_classes = [SitingRateThrottle]
    parser_classes = [JSONParser, MultiPartParser]
    serializer_class = SitingRequestSerializer
    pagination_class = None
    filter_backends = []

    def post(self, request):
        body = SitingUploadSerializer(data=_body(request))
        body.is_valid(raise_exception=True)
        params = dict(body.validated_data)
        if AccessRun.objects.latest_completed(params["profile"]) is None:
            raise NotFound(_("No accessibility results yet for this profile."))
        params["language"] = get_language() or settings.LANGUAGE_CODE
        job = Job.objects.create(
            kind="siting",
            params=params,
            requested_by=request.user,
            reason=_("optimal siting: %(k)d new sites, %(category)s, %(model)s")
            % {"k": params["k"], "category": params["category"], "model": params["model"]},
        )
        enqueue_job(run_siting, job)
        return Response({"job": job_json(job)}, status=status.HTTP_202_ACCEPTED)
