"""Background jobs: start them (staff) and watch them (`GET /api/jobs/<id>/`)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import permissions, serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from geoplan.access.models import AccessRun
from geoplan.access.recompute import enqueue_job, request_recompute
from geoplan.access.tasks import evaluate_candidates
from geoplan.jobs.models import Job
from geoplan.registry.models import ServiceCategory

from .params import positions_outside_turin, profile_param

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


class JobDetail(APIView):
    """A job's status and progress, for staff and for the person who asked for it."""

    permission_classes = [permissions.IsAuthenticated]

    def get(self, request, pk):
        job = Job.objects.filter(pk=pk).first()
        if job is None or not (request.user.is_staff or job.requested_by_id == request.user.pk):
            raise NotFound(_("No such job."))
        return Response(job_json(job))


class RecomputeNow(APIView):
    """POST (staff): recompute accessibility for both walking profiles now."""

    permission_classes = [permissions.IsAdminUser]

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


class CandidatesRequest(serializers.Serializer):
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=ServiceCategory.objects.all()
    )
    candidates = Candidate(many=True, allow_empty=False, max_length=MAX_CANDIDATES)

    def validate_candidates(self, value):
        outside = positions_outside_turin(value)
        if outside:
            raise serializers.ValidationError(
                _("Candidate sites must be inside the City of Turin: %(n)s are not.")
                % {"n": ", ".join(map(str, outside))}
            )
        return value


class EvaluateCandidates(APIView):
    """POST (staff) {"category", "candidates": [{"lon", "lat"}, ...]} (up to 200): a background
    job ranking the candidates by residents newly within 15 minutes, each alone."""

    permission_classes = [permissions.IsAdminUser]

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
