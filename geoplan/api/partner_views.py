"""The partner API: an organisation's own sites, and the changes it proposes to them.

A partner never writes to the registry: every POST or PATCH files a change request
(geoplan.moderation.workflow.propose) that a moderator approves or rejects; the answer is 202
with the request's id and where to follow it. Sites and requests of other organisations do not
exist here (404).
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from geoplan.accounts.roles import organisation_ids
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.proposal import ProposalError
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Service, Site

from .filters import ParameterFilterBackend, PartnerChangeFilter, PartnerSiteFilter
from .pagination import GeoJsonListPagination, ListPagination
from .partner_serializers import (
    ChangeAcceptedSerializer,
    ChangeRequestSerializer,
    DetailSerializer,
    ErrorSerializer,
    PartnerSiteSerializer,
    SiteFeatureSerializer,
    error_response,
    feature_errors,
    flatten_errors,
)
from .schema import NOT_AUTHENTICATED, NOT_FOUND, REFUSED_BODY


class IsPartner(permissions.BasePermission):
    """An account that belongs to at least one organisation."""

    message = gettext_lazy(
        "Only members of a partner organisation can use the partner API: ask the city's "
        "moderators to link your account to your organisation."
    )

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and organisation_ids(user))


def partner_sites(user):
    """The sites of the user's organisations, each with all its services (whatever their status)
    and the number of its change requests waiting for review."""
    services = (
        Service.objects.select_related("category")
        .prefetch_related("schedules", "closures")
        .order_by("name", "pk")
    )
    return (
        Site.objects.filter(organization_id__in=organisation_ids(user))
        .select_related("organization", "zone", "circoscrizione")
        .prefetch_related(Prefetch("services", services))
        .annotate(
            pending_changes=Count(
                "change_requests",
                filter=Q(change_requests__status=ChangeRequest.Status.PENDING),
            )
        )
        .order_by("name", "pk")
    )


def filed_response(request, change: ChangeRequest) -> Response:
    url = request.build_absolute_uri(reverse("api:partner-change", args=[change.pk]))
    return Response(
        {
            "id": change.pk,
            "status": change.status,
            "summary": change.summary,
            "warnings": change.warnings,
            "url": url,
        },
        status=status.HTTP_202_ACCEPTED,
        headers={"Location": url},
    )


class ParameterErrorsAsFeatureErrors:
    """The partner and moderation APIs answer every refusal as ``{"errors": {path: [sentences]},
    "detail": ...}``: so are a refused filter or page parameter."""

    def handle_exception(self, exc):
        if (
            isinstance(exc, ValidationError)
            and isinstance(exc.detail, dict)
            and "errors" not in exc.detail
        ):
            return error_response(
                {
                    name: [str(m) for m in (value if isinstance(value, list) else [value])]
                    for name, value in exc.detail.items()
                }
            )
        return super().handle_exception(exc)


class PartnerView(ParameterErrorsAsFeatureErrors, GenericAPIView):
    permission_classes = [IsPartner]
    pagination_class = None
    filter_backends = []


# The answers every partner endpoint may give besides its own.
PARTNER_REFUSALS = {
    401: NOT_AUTHENTICATED,
    403: OpenApiResponse(
        DetailSerializer,
        description=gettext_lazy("The account is not a member of a partner organisation."),
    ),
}


class ProposingView(PartnerView):
    def file(self, request, *, site: Site | None) -> Response:
        """Check the Feature sent, file it as a change request, answer 202 (or why not)."""
        serializer = SiteFeatureSerializer(data=request.data, creating=site is None)
        if not serializer.is_valid():
            return error_response(flatten_errors(serializer.errors))
        try:
            change = propose(
                request.user, serializer.proposal(), site, source=ChangeRequest.Source.API
            )
        except ProposalError as exc:
            return error_response(feature_errors(exc.errors))
        except DjangoPermissionDenied as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_403_FORBIDDEN)
        return filed_response(request, change)


class PartnerSiteList(ProposingView):
    """Your organisations' sites (GET, a GeoJSON FeatureCollection), or propose a new site (POST).

    POST a GeoJSON Feature: a Point inside Turin, and ``properties`` with the site's ``name``,
    ``address``, ``organization`` (optional when you belong to one organisation only) and at
    least one service in ``services``. Nothing is published until a moderator approves it: the
    answer is 202 with the change request's ``id`` and ``url``. A refused proposal answers 400
    with ``errors`` by path (``geometry``, ``properties.services.0.hours.0.opens_at``, ...).
    """

    serializer_class = PartnerSiteSerializer
    pagination_class = GeoJsonListPagination
    filter_backends = [ParameterFilterBackend]
    filterset_class = PartnerSiteFilter

    def get_queryset(self):
        return partner_sites(self.request.user)

    @extend_schema(
        operation_id="partner_sites_list",
        responses={
            200: PartnerSiteSerializer(many=True),
            400: REFUSED_BODY,
            **PARTNER_REFUSALS,
        },
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=SiteFeatureSerializer,
        responses={202: ChangeAcceptedSerializer, 400: ErrorSerializer, **PARTNER_REFUSALS},
    )
    def post(self, request):
        return self.file(request, site=None)


class PartnerSiteDetail(ProposingView):
    """One of your organisations' sites as a GeoJSON Feature (GET), or propose changes to it
    (PATCH).

    PATCH a partial Feature: only the ``properties`` that change and/or a new ``geometry``;
    ``services`` lists the services that change, each by its ``id`` with only its changed keys
    (``hours`` and ``closures`` are replaced whole), and new services without ``id``. Values that
    equal the current ones are left out of the request; read-only keys are ignored. The answer
    is 202 with the change request's ``id``.
    """

    serializer_class = PartnerSiteSerializer

    def get_queryset(self):
        return partner_sites(self.request.user)

    def get_object(self):
        site = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if site is None:
            raise NotFound(_("None of your organisations has a site with this id."))
        return site

    @extend_schema(responses={200: PartnerSiteSerializer, 404: NOT_FOUND, **PARTNER_REFUSALS})
    def get(self, request, pk):
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(
        request=SiteFeatureSerializer,
        responses={
            202: ChangeAcceptedSerializer,
            400: ErrorSerializer,
            404: NOT_FOUND,
            **PARTNER_REFUSALS,
        },
    )
    def patch(self, request, pk):
        return self.file(request, site=self.get_object())


class PartnerChangeList(PartnerView):
    """Your organisations' change requests, newest first; ``?status=pending`` (or draft,
    approved, rejected, withdrawn) keeps one status, ``?site=`` one site's. A rejected request
    carries the moderator's ``reason``."""

    serializer_class = ChangeRequestSerializer
    pagination_class = ListPagination
    filter_backends = [ParameterFilterBackend]
    filterset_class = PartnerChangeFilter

    def get_queryset(self):
        return ChangeRequest.objects.filter(
            organization_id__in=organisation_ids(self.request.user)
        ).order_by("-created_at", "-pk")

    @extend_schema(
        operation_id="partner_changes_list",
        responses={
            200: ChangeRequestSerializer(many=True),
            400: REFUSED_BODY,
            **PARTNER_REFUSALS,
        },
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PartnerChangeDetail(PartnerView):
    """One of your organisations' change requests: what was proposed, its status, and the
    moderator's reason if it was rejected."""

    serializer_class = ChangeRequestSerializer

    @extend_schema(responses={200: ChangeRequestSerializer, 404: NOT_FOUND, **PARTNER_REFUSALS})
    def get(self, request, pk):
        change = ChangeRequest.objects.filter(
            pk=pk, organization_id__in=organisation_ids(request.user)
        ).first()
        if change is None:
            raise NotFound(_("None of your organisations has a change request with this id."))
        return Response(self.get_serializer(change).data)
