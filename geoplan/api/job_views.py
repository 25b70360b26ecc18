"""Background jobs: start them (staff) and watch them (`GET /api/jobs/<id>/`)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from geoplan.access.models import AccessRun
from geoplan.access.recompute import enqueue_job, request_recompute
from geoplan.access.tasks import evaluate_candidates
from geoplan.accounts import roles
from geoplan.jobs.models import Job
from geoplan.registry.models import ServiceCategory

from .access_answers import JobSerializer
from .answers import CATEGORY_CODE
from .params import PROFILE_PARAMETER, positions_outside_turin, profile_param
from .schema import FORBIDDEN, NO_RUN, NOT_AUTHENTICATED, NOT_FOUND, body_errors

MAX_CANDIDATES = 200


def job_json(job: Job) -> dict:
    return {
        "id": job.pk,
        "kind": job.kind,
        "status": job.status,
        "status_label": job.get_status_display(),
        "progress": job.progress,
        "message": job.message,
        "reason": job.reason,
        "result": job.result,
        "error": job.error,
        "attempts": job.attempts,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "url": reverse("api:job", args=[job.pk]),
    }


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("id", {"type": "integer", "minimum": 0}, OpenApiParameter.PATH)
        ],
        responses={200: JobSerializer, 401: NOT_AUTHENTICATED, 404: NOT_FOUND},
    )
)
class JobDetail(GenericAPIView):
    """A job's status and progress, for the person who asked for it and for staff; an optimal
    siting (a planner's work, its answer a scenario) only for planners and admins besides the
    one who asked (anyone else: 404)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = JobSerializer
    pagination_class = None
    filter_backends = []

    def get(self, request, pk):
        job = Job.objects.filter(pk=pk).first()
        if job is None or not may_read(request.user, job):
            raise NotFound(_("No such job."))
        return Response(job_json(job))


def may_read(user, job: Job) -> bool:
    if job.requested_by_id == user.pk:
        return True
    if job.kind == "siting":
        return roles.is_planner(user)
    return user.is_staff


@extend_schema_view(
    post=extend_schema(
        request=None,
        responses={202: JobSerializer, 401: NOT_AUTHENTICATED, 403: FORBIDDEN},
    )
)
class RecomputeNow(GenericAPIView):
    """POST (staff): recompute accessibility for both walking profiles now; 202 with the job."""

    permission_classes = [permissions.IsAdminUser]
    serializer_class = JobSerializer
    pagination_class = None
    filter_backends = []

    def post(self, request):
        job = request_recompute(
            reason=_("asked for by %(user)s") % {"user": request.user.get_username()},
            user=request.user,
            delay_s=0,
        )
        return Response(job_json(job), status=status.HTTP_202_ACCEPTED)


class Candidate(serializers.Serializer):
    lon = serializers.FloatField()
    lat = serializers.FloatField()


@extend_schema_field(CATEGORY_CODE)
class CategoryRelatedField(serializers.SlugRelatedField):
    pass


class CandidatesRequest(serializers.Serializer):
    category = CategoryRelatedField(slug_field="code", queryset=ServiceCategory.objects.all())
    candidates = Candidate(many=True, allow_empty=False, max_length=MAX_CANDIDATES)

    def validate_candidates(self, value):
        outside = positions_outside_turin(value)
        if outside:
            raise serializers.ValidationError(
                _("Candidate sites must be inside the City of Turin: %(n)s are not.")
                % {"n": ", ".join(map(str, outside))}
            )
        return value


@extend_schema_view(
    post=extend_schema(
        parameters=[PROFILE_PARAMETER],
        request=CandidatesRequest,
        responses={
            202: JobSerializer,
            400: body_errors(gettext_lazy("The request is refused: {field: [sentences]}.")),
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
            404: NO_RUN,
        },
    )
)
class EvaluateCandidates(GenericAPIView):
    """POST (staff) {"category", "candidates": [{"lon", "lat"}, ...]} (up to 200): a background
    job ranking the candidates by residents newly within 15 minutes, each alone; 202 with the
    job to follow."""

    permission_classes = [permissions.IsAdminUser]
    serializer_class = CandidatesRequest
    pagination_class = None
    filter_backends = []

    def post(self, request):
        body = CandidatesRequest(data=request.data)
        body.is_valid(raise_exception=True)
        profile = profile_param(request)
        if AccessRun.objects.latest_completed(profile) is None:
            raise NotFound(_("No accessibility results yet for this profile."))
        job = Job.objects.create(
            kind="candidates",
            params={
                "category": body.validated_data["category"].code,
                "profile": profile,
                "candidates": body.validated_data["candidates"],
            },
            requested_by=request.user,
            reason=_("candidate sites"),
        )
        enqueue_job(evaluate_candidates, job)
        return Response(job_json(job), status=status.HTTP_202_ACCEPTED)
