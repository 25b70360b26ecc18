from django.core.exceptions import ValidationError as ModelValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from geoplan.registry.models import LocationPrecision, Site, check_inside_city
from geoplan.registry.text import normalise_address
from geoplan.registry.vocabulary import TargetGroup
from geoplan.territory.models import City, Zone, density_per_km2

from .answers import ServicePropertiesSerializer


class CitySerializer(GeoFeatureModelSerializer):
    class Meta:
        model = City
        geo_field = "geom"
        fields = ["name", "istat_code"]


class ZoneSerializer(GeoFeatureModelSerializer):
    circoscrizione = serializers.IntegerField(source="circoscrizione.number")
    circoscrizione_name = serializers.CharField(source="circoscrizione.name")
    population = serializers.SerializerMethodField()
    area_km2 = serializers.SerializerMethodField()
    density_per_km2 = serializers.SerializerMethodField()

    class Meta:
        model = Zone
        geo_field = "geom"
        fields = [
            "code",
            "name",
            "circoscrizione",
            "circoscrizione_name",
            "population",
            "area_km2",
            "density_per_km2",
        ]

    def get_population(self, zone) -> int | None:
        return None if zone.population is None else int(round(zone.population))

    def get_area_km2(self, zone) -> float:
        return round(zone.area_m2.sq_km, 4)

    def get_density_per_km2(self, zone) -> float | None:
        density = density_per_km2(zone)
        return None if density is None else round(density, 1)


def service_properties(service, language: str) -> dict:
    category = service.category
    return {
        "id": service.pk,
        "name": service.name,
        "category": category.code,
        "category_name": category.name(language),
        "color": category.color,
        "capacity": service.capacity,
        "capacity_unit": service.capacity_unit,
        "target_groups": service.target_groups,
        "target_group_labels": [
            TargetGroup(g).label for g in service.target_groups if g in TargetGroup.values
        ],
        "target_groups_note": service.target_groups_note,
        "eligibility": service.eligibility,
        "languages": service.languages,
        "step_free_access": service.step_free_access,
        "phone": service.phone,
        "email": service.email,
        "website": service.website,
        "hours_text": service.hours_text,
        # Structured weekly hours (HSDS schedule); empty where only the published text is known.
        "schedules": [
            {
                "weekday": h.weekday,
                "weekday_name": h.get_weekday_display(),
                "opens_at": h.opens_at.strftime("%H:%M"),
                "closes_at": h.closes_at.strftime("%H:%M"),
                "valid_from": h.valid_from,
                "valid_to": h.valid_to,
            }
            for h in service.schedules.all()
        ],
        "closures": [
            {"starts_on": c.starts_on, "ends_on": c.ends_on, "note": c.note}
            for c in service.closures.all()
        ],
        # The same hours in OpenStreetMap syntax, with closures and public holidays.
        "opening_hours": service.opening_hours,
        "closed_on_public_holidays": service.closed_on_public_holidays,
        "last_verified": service.last_verified,
        "source_url": service.source_url,
        "as_of_year": service.as_of_year,
        "is_illustrative": service.is_illustrative,
        "status": service.status,
        "status_label": service.get_status_display(),
    }


class SiteSerializer(GeoFeatureModelSerializer):
    """A located site with its published services (HSDS location + service_at_location)."""

    services = serializers.SerializerMethodField()
    location_precision_label = serializers.CharField(
        source="get_location_precision_display", read_only=True
    )
    zone = serializers.CharField(source="zone.code", read_only=True, default=None)
    circoscrizione = serializers.IntegerField(
        source="circoscrizione.number", read_only=True, default=None
    )
    is_illustrative = serializers.SerializerMethodField()

    class Meta:
        model = Site
        geo_field = "geom"
        fields = [
            "id",
            "name",
            "address",
            "location_precision",
            "location_precision_label",
            "zone",
            "circoscrizione",
            "services",
            "is_illustrative",
        ]
        read_only_fields = ["id"]

    def _services(self, site):
        # Prefetched as `listed_services` by the view (published ones, unless staff asked for
        # another status); empty for a site just created.
        return getattr(site, "listed_services", [])

    @extend_schema_field(ServicePropertiesSerializer(many=True))
    def get_services(self, site):
        language = get_language() or "it"
        return [service_properties(s, language) for s in self._services(site)]

    def get_is_illustrative(self, site) -> bool:
        return any(s.is_illustrative for s in self._services(site))

    def validate(self, attrs):
        geom = attrs.get("geom")
        if geom is None:
            raise serializers.ValidationError({"geom": _("A site created here needs a point.")})
        if geom.geom_type != "Point":
            raise serializers.ValidationError(
                {"geom": _("A site is a Point, not a %(type)s.") % {"type": geom.geom_type}}
            )
        if not geom.valid:
            raise serializers.ValidationError({"geom": _("The geometry is not valid.")})
        try:
            check_inside_city(geom)
        except ModelValidationError as exc:
            raise serializers.ValidationError({"geom": exc.messages}) from exc
        if attrs.get("location_precision", LocationPrecision.NONE) == LocationPrecision.NONE:
            attrs["location_precision"] = LocationPrecision.BUILDING
        if Site.objects.filter(address_key=normalise_address(attrs.get("address", ""))).exists():
            raise serializers.ValidationError(
                {"address": _("A site at this address is already registered.")}
            )
        return attrs
