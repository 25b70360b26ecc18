"""Query parameters shared by the API views, each refused with a sentence that says why."""

from django.contrib.gis.geos import Point
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from geoplan.access.models import Profile
from geoplan.planning.query_values import parse_profile
from geoplan.registry.models import ServiceCategory
from geoplan.territory.models import City

from .answers import CATEGORY_CODE
from .schema import EmptyMeansDefault

PROFILE_PARAMETER = EmptyMeansDefault(
    "profile",
    str,
    enum=Profile.values,
    description=gettext_lazy(
        "Walking profile: standard (4.5 km/h, the default) or slow (3.0 km/h)."
    ),
)


def category_parameter(required: bool, description=None) -> OpenApiParameter:
    return EmptyMeansDefault(
        "category",
        CATEGORY_CODE,
        required=required,
        description=description
        or gettext_lazy("A service category's code (see /api/categories/)."),
    )


def category_param(request, required: bool = True) -> str | None:
    code = request.query_params.get("category")
    if not code:
        if required:
            raise ValidationError({"category": _("Choose a category.")})
        return None
    problem = unknown_category(code)
    if problem:
        raise ValidationError({"category": problem})
    return code


def unknown_category(code: str) -> str | None:
    """Why ``code`` is not a category, or None when it is one."""
    # PostgreSQL cannot compare a text holding NUL: no code holds one.
    if "\x00" not in code and ServiceCategory.objects.filter(code=code).exists():
        return None
    known = ", ".join(ServiceCategory.objects.values_list("code", flat=True))
    return _("Unknown category %(code)r. Known: %(known)s.") % {"code": code, "known": known}


def profile_param(request) -> str:
    try:
        return parse_profile(request.query_params.get("profile"))
    except ValueError as exc:
        raise ValidationError({"profile": str(exc)}) from None


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
