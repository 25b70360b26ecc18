from django.db.models import Prefetch
from django.utils.translation import get_language
from rest_framework import generics, permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from geoplan.registry.models import Service, ServiceCategory, Site
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


class SiteList(generics.ListCreateAPIView):
    """Located sites with at least one published service; `?category=CODE` filters by category.

    POST (users with the "add site" permission) registers a new site; a point outside Turin
    is refused.
    """

    serializer_class = SiteSerializer
    pagination_class = None
    # Reading is public; registering needs the registry's "add site" permission.
    permission_classes = [permissions.DjangoModelPermissionsOrAnonReadOnly]

    def get_queryset(self):
        services = (
            Service.objects.published().select_related("category").prefetch_related("opening_hours")
        )
        category = category_param(self.request, required=False)
        if category:
            services = services.filter(category__code=category)
        return (
            Site.objects.located()
            .filter(pk__in=services.values("site_id"))
            .select_related("zone", "circoscrizione")
            .prefetch_related(Prefetch("services", services, to_attr="published_services"))
        )


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
