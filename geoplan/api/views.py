from django.http import JsonResponse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, permissions
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from geoplan.registry.models import Service, ServiceCategory, Site, Status
from geoplan.territory.models import City, Zone
from layers.catalogue import catalogue_json

from .answers import CategorySerializer, LayerSerializer
from .filters import ParameterFilterBackend, ServiceFilterBackend, SiteFilter, ZoneFilter
from .pagination import GeoJsonListPagination, ListPagination
from .params import PROFILE_PARAMETER, category_param, category_parameter, profile_param
from .schema import BAD_PARAMETERS, FORBIDDEN, NOT_AUTHENTICATED, body_errors
from .serializers import CitySerializer, SiteSerializer, ZoneSerializer


# Exempt from CSRF: it changes nothing, and a script's POST to a wrong path should learn that
# the path is wrong, not get the CSRF failure page.
@csrf_exempt
def no_such_endpoint(request, *args):
    return JsonResponse(
        {"detail": _("There is no such endpoint in the API: see /api/docs/.")}, status=404
    )


class CityView(generics.ListAPIView):
    """The City of Turin's boundary: a FeatureCollection of one feature (not paginated)."""

    serializer_class = CitySerializer
    pagination_class = None
    filter_backends = []

    def get_queryset(self):
        return City.objects.filter(istat_code=City.TURIN_ISTAT_CODE)


@extend_schema_view(get=extend_schema(responses={200: ZoneSerializer, 400: BAD_PARAMETERS}))
class ZoneList(generics.ListAPIView):
    """Zone statistiche as GeoJSON with their latest population, area and density, by code;
    `?bbox=` and `?circoscrizione=` filter."""

    serializer_class = ZoneSerializer
    pagination_class = GeoJsonListPagination
    filter_backends = [ParameterFilterBackend]
    filterset_class = ZoneFilter

    def get_queryset(self):
        return Zone.objects.with_population().select_related("circoscrizione").order_by("code")


# What /api/sites/ can list: published for everyone, the rest for staff only.
STAFF_STATUSES = (Status.PUBLISHED, Status.PLANNED, Status.UNVERIFIED)


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter(
                "status",
                str,
                enum=list(STAFF_STATUSES),
                description=gettext_lazy(
                    "Staff only: list services planned or needing verification instead of the "
                    "published ones (the default)."
                ),
            )
        ],
        responses={200: SiteSerializer, 400: BAD_PARAMETERS, 403: FORBIDDEN},
    ),
    post=extend_schema(
        request=SiteSerializer,
        examples=[
            OpenApiExample(
                gettext_lazy("A new help desk"),
                value={
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [7.6858, 45.0712]},
                    "properties": {"name": "Nuovo sportello", "address": "Via Roma 1, Torino"},
                },
                request_only=True,
            )
        ],
        responses={
            201: SiteSerializer,
            400: body_errors(gettext_lazy("The site is refused: {field: [sentences]}.")),
            401: NOT_AUTHENTICATED,
            403: FORBIDDEN,
        },
    ),
)
class SiteList(generics.ListCreateAPIView):
    """Located sites with at least one published service, each with the services that match
    the filters (`category`, `target_group`, `language`, `step_free`) and within `bbox`.

    Staff may ask for services that are not public with `?status=planned` or
    `?status=unverified`; everyone else sees published services only.
    POST (users with the "add site" permission) registers a new site; a point outside Turin
    is refused.
    """

    serializer_class = SiteSerializer
    pagination_class = GeoJsonListPagination
    filter_backends = [ServiceFilterBackend]
    filterset_class = SiteFilter
    # Reading is public; registering needs the registry's "add site" permission.
    permission_classes = [permissions.DjangoModelPermissionsOrAnonReadOnly]

    def get_queryset(self):
        return (
            Site.objects.located().select_related("zone", "circoscrizione").order_by("name", "pk")
        )

    def listed_services(self):
        """The services this request may see, before the filters choose among them."""
        status = self._status()
        if status == Status.PUBLISHED:
            services = Service.objects.published()
        else:
            services = Service.objects.filter(status=status, site__geom__isnull=False)
        return services.select_related("category").prefetch_related("schedules", "closures")

    def _status(self) -> str:
        status = self.request.query_params.get("status", Status.PUBLISHED)
        if status not in STAFF_STATUSES:
            raise ValidationError(
                {
                    "status": [
                        _("Unknown status %(value)r: use one of %(known)s.")
                        % {"value": status, "known": ", ".join(STAFF_STATUSES)}
                    ]
                }
            )
        if status != Status.PUBLISHED and not self.request.user.is_staff:
            raise PermissionDenied(_("Only staff can list services that are not published."))
        return status


@extend_schema_view(get=extend_schema(responses={200: CategorySerializer, 400: BAD_PARAMETERS}))
class CategoryList(generics.ListAPIView):
    """The service categories, in the map's order, named in the language of the request."""

    serializer_class = CategorySerializer
    pagination_class = ListPagination
    filter_backends = []

    def get_queryset(self):
        return ServiceCategory.objects.order_by("order", "code")

    def list(self, request, *args, **kwargs):
        language = get_language() or "it"
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(
            [{"code": c.code, "name": c.name(language), "color": c.color} for c in page]
        )


class LayerCatalogue(generics.GenericAPIView):
    """The map-layer catalogue (a short fixed list, in drawing order, not paginated) with
    legends computed from the current data: per-category layers have a legend when
    `?category=` is given."""

    pagination_class = None
    filter_backends = []
    serializer_class = LayerSerializer

    @extend_schema(
        parameters=[category_parameter(False), PROFILE_PARAMETER],
        responses={
            200: LayerSerializer(many=True),
            400: BAD_PARAMETERS,
        },
        operation_id="layers_list",
    )
    def get(self, request):
        category = category_param(request, required=False)
        return Response(catalogue_json(category, profile_param(request)))
