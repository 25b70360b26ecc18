"""The public downloads' table: one row per published service at its located site.

The same services /api/sites/ lists (Service.objects.published(): published, on a located site),
with illustrative ones kept and flagged, as every public view does.
"""

from django.utils.translation import get_language

from geoplan.registry.models import Service

from . import licences

# In this order in every format; lon and lat become the geometry in GeoJSON and GeoPackage.
COLUMNS = (
    "service_id",
    "name",
    "site_id",
    "site_name",
    "category",
    "category_name",
    "address",
    "lon",
    "lat",
    "location_precision",
    "hours_text",
    "opening_hours",
    "phone",
    "email",
    "website",
    "last_verified",
    "source_url",
    "as_of_year",
    "is_illustrative",
    "licence",
    "attribution",
)
GEOMETRY_COLUMNS = ("lon", "lat")


def published_services():
    return Service.objects.published().select_related("site", "category").order_by("site_id", "pk")


def service_rows() -> list[dict]:
    """Every row, category names in the current language, dates as ISO 8601 text."""
    language = get_language() or "it"
    licence = licences.SITES
    rows = []
    for s in published_services():
        site = s.site
        rows.append(
            {
                "service_id": s.pk,
                "name": s.name,
                "site_id": site.pk,
                "site_name": site.name,
                "category": s.category.code,
                "category_name": s.category.name(language),
                "address": site.address,
                "lon": round(site.geom.x, 6),
                "lat": round(site.geom.y, 6),
                "location_precision": site.location_precision,
                "hours_text": s.hours_text,
                "opening_hours": s.opening_hours,
                "phone": s.phone,
                "email": s.email,
                "website": s.website,
                "last_verified": s.last_verified.isoformat() if s.last_verified else None,
                "source_url": s.source_url,
                "as_of_year": s.as_of_year,
                "is_illustrative": s.is_illustrative,
                "licence": licence.code,
                "attribution": licence.attribution,
            }
        )
    return rows
