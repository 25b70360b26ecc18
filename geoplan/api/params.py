"""Query parameters shared by the API views, each refused with a sentence that says why."""

from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from geoplan.access.models import Profile
from geoplan.registry.models import ServiceCategory
from geoplan.territory.models import City


def category_param(request, required: bool = True) -> str | None:
    code = request.query_params.get("category")
    if not code:
        if required:
            raise ValidationError({"category": _("Choose a category.")})
        return None
    if not ServiceCategory.objects.filter(code=code).exists():
        known = ", ".join(ServiceCategory.objects.values_list("code", flat=True))
        raise ValidationError(
            {
                "category": _("Unknown category %(code)r. Known: %(known)s.")
                % {"code": code, "known": known}
            }
        )
    return code


def profile_param(request) -> str:
    profile = request.query_params.get("profile") or Profile.STANDARD
    if profile not in Profile.values:
        raise ValidationError(
            {"profile": _("Unknown profile %(p)r: use standard or slow.") % {"p": profile}}
        )
    return profile


def positions_outside_turin(points) -> list[int]:
    """1-based positions of the {"lon", "lat"} points (EPSG:4326) lying outside Turin."""
    try:
        boundary = City.turin().geom.prepared
    except City.DoesNotExist:
        raise ValidationError(
            _("The city boundary is not loaded yet: run `manage.py load_territory` first.")
        ) from None
    return [
        i
        for i, p in enumerate(points, start=1)
        if not boundary.intersects(Point(p["lon"], p["lat"], srid=4326))
    ]
