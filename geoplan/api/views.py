from django.db.models import Prefetch
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import generics, permissions
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from geoplan.registry.models import Service, ServiceCategory, Site, Status
from geoplan.territory.models import City, Zone
from layers.catalogue import catalogue_json

from .params import category_param, profile_param
from .serializers import CitySerializer, SiteSerializer, ZoneSerializer


class CityView(generics.ListAPIView):
    serializer_class = CitySerializer
    pagination_class = None

    def get_queryset(self):
        return City.objects.filter(istat_code=City.TURIN_ISTAT_CODE)


class ZoneList(generics.ListAPIView):
    """Zone statistiche as GeoJSON with their latest population, area and density."""

    serializer_class = ZoneSerializer
    pagination_class = None

    def get_queryset(self):
        return Zone.objects.with_population().select_related("circoscrizione")


# What /api/sites/ can list: published for everyone, the rest for staff only.
STAFF_STATUSES = (Status.PUBLISHED, Status.PLANNED, Status.UNVERIFIED)


class SiteList(generics.ListCreateAPIView):
    """Located sites with at least one published service; `?category=CODE` filters by category.

    Staff may ask for services that are not public with `?status=planned` or
    `?status=unverified`; everyone else sees published services only.
    POST (users with the "add site" permission) registers a new site; a point outside Turin
    is refused.
    """

    serializer_class = SiteSerializer
    pagination_class = None
    # Reading is public; registering needs the registry's "add site" permission.
    permission_classes = [permissions.DjangoModelPermissionsOrAnonReadOnly]

    def get_queryset(self):
        status = self._status()
        if status == Status.PUBLISHED:
            services = Service.objects.published()
        else:
            services = Service.objects.filter(status=status, site__geom__isnull=False)
        services = services.select_related("category").prefetch_related("schedules", "closures")
        category = category_param(self.request, required=False)
        if category:
            services = services.filter(category__code=category)
        return (
            Site.objects.located()
            .filter(pk__in=services.values("site_id"))
            .select_related("zone", "circoscrizione")
            .prefetch_related(Prefetch("services", services, to_attr="listed_services"))
        )

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


class CategoryList(APIView):
    def get(self, request):
        language = get_language() or "it"
        return Response(
            [
                {"code": c.code, "name": c.name(language), "color": c.color}
                for c in ServiceCategory.objects.all()
            ]
        )


class LayerCatalogue(APIView):
    """The map-layer catalogue with legends computed from the current data."""

    def get(self, request):
        category = category_param(request, required=False)
        return Response(catalogue_json(category, profile_param(request)))
