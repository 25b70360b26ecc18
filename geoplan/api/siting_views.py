"""Optimal siting (planners): POST /api/siting/ starts a background job choosing the best new
sites of a category; the job's answer is saved as a scenario (geoplan.planning.tasks)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
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
from geoplan.planning.candidates import MAX_FILE_BYTES, count
from geoplan.planning.permissions import IsPlanner
from geoplan.planning.siting_scenario import MODEL_LABELS
from geoplan.planning.tasks import run_siting

from .job_views import job_json
from .partner_serializers import DetailSerializer
from .schema import FORBIDDEN, NO_RUN, NOT_AUTHENTICATED
from .siting_serializers import (
    SitingJobSerializer,
    SitingMultipartSerializer,
    SitingPendingSerializer,
    SitingRequestSerializer,
    SitingUploadSerializer,
)
from .throttling import _SharedCount

log = logging.getLogger(__name__)
# A request body may hold the largest file of candidate points and the form's other fields.
MAX_BODY_BYTES = MAX_FILE_BYTES + 100_000
# A siting job still queued or running after this long was lost (its worker killed and the
# message gone): it no longer stops its planner from asking again.
PENDING_AT_MOST = timedelta(hours=1)


class SitingRateThrottle(_SharedCount, UserRateThrottle):
    """Each request may queue a solver run of up to a minute on a siting worker: a pace no
    person clicking reaches, counted per account across web processes (shared cache)."""

    scope = "siting"
    rate = "30/min"


def _is_form(request) -> bool:
    return (request.content_type or "").lower().startswith("multipart/form-data")


def _checked_body(request) -> dict:
    """The request's fields as validated: from a form, empty fields count as left out and
    candidates come as JSON text (SitingMultipartSerializer); else the JSON body."""
    data = request.data
    if _is_form(request) and hasattr(data, "getlist"):
        fields = {key: data.get(key) for key in data if data.get(key) not in ("", None)}
        body = SitingMultipartSerializer(data=fields)
    else:
        body = SitingUploadSerializer(data=data)
    body.is_valid(raise_exception=True)
    return dict(body.validated_data)


def refuse_a_large_body(request) -> None:
    """Refuse a body over ``MAX_BODY_BYTES`` by its declared length, before anything reads it
    (a form's file would otherwise be spooled to disk first)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        field = "candidates_file" if _is_form(request) else "candidates"
        sentence = _(
            "The request is too large: %(size)s bytes, over the limit of %(limit)s bytes (a "
            "file of candidate points may hold %(file_mb)d MB)."
        ) % {
            "size": count(length),
            "limit": count(MAX_BODY_BYTES),
            "file_mb": MAX_FILE_BYTES // 1_000_000,
        }
        raise serializers.ValidationError({field: [sentence]})


def pending_siting_job(user) -> Job | None:
    """The planner's siting job still queued or running (see ``PENDING_AT_MOST``), if any."""
    return (
        Job.objects.filter(
            kind="siting",
            requested_by=user,
            status__in=[Job.Status.QUEUED, Job.Status.RUNNING],
            created_at__gte=timezone.now() - PENDING_AT_MOST,
        )
        .order_by("-created_at")
        .first()
    )


class PendingJob(Exception):
    def __init__(self, job: Job):
        super().__init__(job.pk)
        self.job = job


def _conflict(job: Job) -> Response:
    return Response(
        {
            "detail": _(
                "Your optimal siting job %(id)d is still %(status)s: follow it at %(url)s and "
                "ask again once it has finished (one siting job at a time per planner)."
            )
            % {"id": job.pk, "status": job.get_status_display(), "url": job_json(job)["url"]},
            "job": job_json(job),
        },
        status=status.HTTP_409_CONFLICT,
    )


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
        "named by position, a file's rows by line (CSV) or feature number (GeoJSON). A body "
        "over 2.1 MB is refused by its Content-Length before it is read (under "
        "candidates_file for a form, candidates for JSON); grid_spacing_m is refused when its "
        "grid would hold more than 2,000 candidate points."
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
            409: OpenApiResponse(
                SitingPendingSerializer,
                description=gettext_lazy(
                    "This planner already has a siting job queued or running (one at a time): "
                    "the sentence says so and job is that job, to follow at job.url; nothing "
                    "is queued. A job unfinished for an hour no longer counts."
                ),
            ),
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
    background job choosing the k best new sites of the category (maximal covering, p-median or
    set covering) among the candidate points or a grid over the city; 202 with the job to
    follow, 409 while the planner's previous siting job is queued or running. The answer is
    also saved as a scenario (its id in the job's result)."""

    permission_classes = [IsPlanner]
    throttle_classes = [SitingRateThrottle]
    parser_classes = [JSONParser, MultiPartParser]
    serializer_class = SitingRequestSerializer
    pagination_class = None
    filter_backends = []

    def perform_authentication(self, request):
        # Before authentication: a session's CSRF check reads a form's fields, which parses
        # the whole body.
        refuse_a_large_body(request)
        super().perform_authentication(request)

    def post(self, request):
        pending = pending_siting_job(request.user)
        if pending is not None:
            return _conflict(pending)
        params = _checked_body(request)
        if AccessRun.objects.latest_completed(params["profile"]) is None:
            raise NotFound(_("No accessibility results yet for this profile."))
        params["language"] = get_language() or settings.LANGUAGE_CODE
        try:
            job = self._create_job(request.user, params)
        except PendingJob as exc:
            return _conflict(exc.job)
        enqueue_job(run_siting, job)
        return Response({"job": job_json(job)}, status=status.HTTP_202_ACCEPTED)

    @staticmethod
    def _create_job(user, params: dict) -> Job:
        """The job, unless one of the planner's is pending; two requests at once are taken in
        turn (the planner's row is locked), so only one gets through."""
        with transaction.atomic():
            list(get_user_model().objects.select_for_update().filter(pk=user.pk).values("pk"))
            pending = pending_siting_job(user)
            if pending is not None:
                raise PendingJob(pending)
            return Job.objects.create(
                kind="siting",
                params=params,
                requested_by=user,
                reason=_("optimal siting: %(k)d new sites, %(category)s, %(model)s")
                % {
                    "k": params["k"],
                    "category": params["category"],
                    "model": MODEL_LABELS.get(params["model"], params["model"]),
                },
            )
