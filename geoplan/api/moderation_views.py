"""The moderation API: the city's moderators review partners' change requests.

Approval applies a request to the registry in one transaction (geoplan.moderation.workflow):
a field someone else changed since the request was filed stops it with 409 and the conflicts,
until the moderator approves over them (``{"override_conflicts": true}``). A moderator cannot
decide a request they filed. Every approval asks for a recompute of accessibility.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from geoplan.accounts.roles import is_moderator
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import ConflictError, DecisionError, approve, reject

from .filters import ModerationChangeFilter, ParameterFilterBackend
from .pagination import ListPagination
from .partner_serializers import (
    ApproveSerializer,
    ConflictResponseSerializer,
    ConflictSerializer,
    DecisionSerializer,
    DetailSerializer,
    ErrorSerializer,
    ModerationChangeSerializer,
    RejectSerializer,
    error_response,
    flatten_errors,
)
from .partner_views import ParameterErrorsAsFeatureErrors
from .schema import NOT_AUTHENTICATED, NOT_FOUND, REFUSED_BODY

# The answers every moderation endpoint may give besides its own.
MODERATOR_REFUSALS = {
    401: NOT_AUTHENTICATED,
    403: OpenApiResponse(
        DetailSerializer, description=gettext_lazy("The account is not a moderator.")
    ),
}


class IsModerator(permissions.BasePermission):
    message = gettext_lazy("Only the city's moderators can review change requests.")

    def has_permission(self, request, view):
        return is_moderator(request.user)


def reviewed_changes():
    return ChangeRequest.objects.exclude(status=ChangeRequest.Status.DRAFT).select_related(
        "organization", "site", "submitted_by", "decided_by"
    )


def get_change(pk) -> ChangeRequest:
    change = reviewed_changes().filter(pk=pk).first()
    if change is None:
        raise NotFound(_("There is no submitted change request with this id."))
    return change


class ModerationView(ParameterErrorsAsFeatureErrors, GenericAPIView):
    permission_classes = [IsModerator]
    pagination_class = None
    filter_backends = []
    serializer_class = ModerationChangeSerializer


class ModerationChangeList(ModerationView):
    """Change requests to review, oldest first: ``?status=pending`` by default, or approved,
    rejected, withdrawn, all; ``?organization=`` keeps one organisation's. Each comes with the
    proposed values (``payload``), the values they replace as filed (``base``), location
    ``warnings`` and, while pending, the ``conflicts`` found now."""

    pagination_class = ListPagination
    filter_backends = [ParameterFilterBackend]
    filterset_class = ModerationChangeFilter

    def get_queryset(self):
        return reviewed_changes().order_by("submitted_at", "pk")

    @extend_schema(
        operation_id="moderation_changes_list",
        responses={
            200: ModerationChangeSerializer(many=True),
            400: REFUSED_BODY,
            **MODERATOR_REFUSALS,
        },
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ModerationChangeDetail(ModerationView):
    """One change request, with its conflicts computed now."""

    @extend_schema(
        responses={200: ModerationChangeSerializer, 404: NOT_FOUND, **MODERATOR_REFUSALS}
    )
    def get(self, request, pk):
        return Response(self.get_serializer(get_change(pk)).data)


class ApproveChange(ModerationView):
    """Approve a pending request (POST, optional ``{"override_conflicts": true}``).

    200 with the site it created or changed; 409 with ``conflicts`` when someone else has
    changed the same fields since it was filed (approve again with ``override_conflicts`` once
    they are reviewed), or when the request is no longer pending; 403 for a request you filed.
    """

    serializer_class = ApproveSerializer

    @extend_schema(
        request=ApproveSerializer,
        responses={
            200: DecisionSerializer,
            400: ErrorSerializer,
            **MODERATOR_REFUSALS,
            404: NOT_FOUND,
            409: ConflictResponseSerializer,
        },
    )
    def post(self, request, pk):
        change = get_change(pk)
        serializer = ApproveSerializer(data=request.data)
        if not serializer.is_valid():
            return error_response(flatten_errors(serializer.errors))
        try:
            change = approve(
                change.pk,
                request.user,
                override_conflicts=serializer.validated_data["override_conflicts"],
                revision=serializer.validated_data.get("revision"),
            )
        except ConflictError as exc:
            return Response(
                {
                    "detail": str(exc),
                    "conflicts": ConflictSerializer(exc.conflicts, many=True).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        except DecisionError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        except DjangoPermissionDenied as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        except DjangoValidationError as exc:
            # The registry refused the values (a rule checked when they are written).
            return Response(
                {
                    "detail": _("The registry refused this change: %(why)s")
                    % {"why": " ".join(exc.messages)}
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(
            DecisionSerializer(
                {"id": change.pk, "status": change.status, "site": change.site_id}
            ).data
        )


class RejectChange(ModerationView):
    """Reject a pending request (POST ``{"reason": "..."}``): the partner reads the reason."""

    serializer_class = RejectSerializer

    @extend_schema(
        request=RejectSerializer,
        responses={
            200: DecisionSerializer,
            400: ErrorSerializer,
            **MODERATOR_REFUSALS,
            404: NOT_FOUND,
            409: DetailSerializer,
        },
    )
    def post(self, request, pk):
        change = get_change(pk)
        serializer = RejectSerializer(data=request.data)
        if not serializer.is_valid():
            return error_response(flatten_errors(serializer.errors))
        try:
            change = reject(change.pk, request.user, serializer.validated_data["reason"])
        except DecisionError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        except DjangoPermissionDenied as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        return Response(
            DecisionSerializer(
                {
                    "id": change.pk,
                    "status": change.status,
                    "site": change.site_id,
                    "reason": change.reason,
                }
            ).data
        )
