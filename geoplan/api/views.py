from django.db.models import Prefetch
from django.utils.translation import gettext as _
from rest_framework import generics, permissions
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from geoplan.access.models import Profile
from geoplan.registry.models import Service, ServiceCategory, Site
from geoplan.territory.models import City, Zone
from layers.catalogue import catalogue_json

from .serializers import CitySerializer, SiteSerializer, ZoneSerializer


class CityView(generics.ListAPIView):
    serializer_class = CitySerializer
    queryset = City.objects.filter(istat_code="001272")
    pagination_class = None


class ZoneList(generics.ListAPIView):
    """Zone statistiche as GeoJSON with population (2023), area and density."""

    serializer_class = ZoneSerializer
    pagination_class = None

    def get_queryset(self):
        return Zone.objects.with_population().select_related("circoscrizione")


class ReadOnlyOrStaff(permissions.BasePermission):
    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_staff)


class SiteList(generics.ListCreateAPIView):
    """Located sites with at least one published service; `?category=CODE` filters by category.

    POST (staff only) registers a new site; a point outside Turin is refused.
    """

    serializer_class = SiteSerializer
    pagination_class = None
    permission_classes = [ReadOnlyOrStaff]

    def get_queryset(self):
        services = Service.objects.published().select_related("category")
        category = self.request.query_params.get("category")
        if category:
            if not ServiceCategory.objects.filter(code=category).exists():
                known = ", ".join(ServiceCategory.objects.values_list("code", flat=True))
                raise ValidationError(
                    {
                        "category": _("Unknown category %(code)r. Known: %(known)s.")
                        % {"code": category, "known": known}
                    }
                )
            services = services.filter(category__code=category)
        return (
            Site.objects.located()
            .filter(pk__in=services.values("site_id"))
            .select_related("zone", "circoscrizione")
            .prefetch_related(Prefetch("services", services, to_attr="published_services"))
        )


class CategoryList(APIView):
    def get(self, request):
        from django.utils.translation import get_language

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
        profile = request.query_params.get("profile", "standard")
        if profile not in Profile.values:
            raise ValidationError(
                {"profile": _("Unknown profile %(p)r: use standard or slow.") % {"p": profile}}
            )
        return Response(catalogue_json(request.query_params.get("category"), profile))
