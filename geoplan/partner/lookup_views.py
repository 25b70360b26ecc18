"""Address suggestions and location checks for the site form (JSON, read by static/js/partner).

Suggestions come from the offline street geocoder: a street, never a building, so each says it
is street-level. The check gives the warnings the moderator will also see (registry/checks.py).
"""

from __future__ import annotations

import re

from django.contrib.gis.geos import Point
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from geoplan.accounts.roles import organisation_ids
from geoplan.registry.checks import location_warnings
from geoplan.registry.models import Site, check_inside_city
from geoplan.registry.site_import import default_geocoder

from .access import partner_required

MAX_STREETS = 8
MAX_SITES = 5
MAX_QUERY = 200
# A house number typed after the street: "Via Nizza 100", "Corso Francia 12/a", "Via Po 9 bis".
_HOUSE_NUMBER = re.compile(r"\s+(\d+\s*(?:bis|ter|[a-z]\b|/\s*\w+)?)\s*$", re.IGNORECASE)


def _house_number(query: str) -> str:
    """The house number of "Via Nizza 100" or of "Via Nizza, 100" (after the comma)."""
    parts = [part.strip() for part in query.split(",")]
    match = _HOUSE_NUMBER.search(parts[0])
    if match is None and len(parts) > 1:
        match = _HOUSE_NUMBER.search(" " + parts[1])
    return match[1].replace(" ", "") if match else ""


@partner_required
@require_GET
def geocode(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    if len(query) < 2:
        return JsonResponse([], safe=False)
    results = []
    sites = (
        Site.objects.located()
        .filter(organization_id__in=organisation_ids(request.user), name__icontains=query)
        .order_by("name")[:MAX_SITES]
    )
    for site in sites:
        results.append(
            {
                "label": _("%(name)s – your site at %(address)s")
                % {"name": site.name, "address": site.address},
                "address": site.address,
                "lon": round(site.geom.x, 7),
                "lat": round(site.geom.y, 7),
                "precision": site.location_precision,
                "kind": "site",
            }
        )
    geocoder = default_geocoder()
    number = _house_number(query)
    for name in geocoder.suggest(query, MAX_STREETS):
        street = geocoder.street(name)
        results.append(
            {
                "label": _("%(street)s (street-level position)") % {"street": name},
                "address": f"{name} {number}" if number else name,
                "lon": round(street.point.x, 7),
                "lat": round(street.point.y, 7),
                "precision": "street",
                "kind": "street",
            }
        )
    return JsonResponse(results, safe=False)


def _number(value):
    try:
        number = float((value or "").replace(",", "."))
    except ValueError:
        return None
    return number if -180 <= number <= 180 else None


@partner_required
@require_GET
def check(request):
    lon, lat = _number(request.GET.get("lon")), _number(request.GET.get("lat"))
    if lon is None or lat is None:
        return JsonResponse([], safe=False)
    name = request.GET.get("name", "")[:200]
    address = request.GET.get("address", "")[:300]
    site_id = request.GET.get("site", "")
    exclude = None
    if site_id.isdecimal():
        exclude = (
            Site.objects.filter(pk=int(site_id), organization_id__in=organisation_ids(request.user))
            .values_list("pk", flat=True)
            .first()
        )
    answer = []
    try:
        check_inside_city(Point(lon, lat, srid=4326))
    except ValidationError as exc:
        answer.append({"code": "outside_city", "message": " ".join(exc.messages)})
        return JsonResponse(answer, safe=False)
    answer += [
        w.as_dict()
        for w in location_warnings(
            name, address, lon, lat, exclude, visible_to=organisation_ids(request.user)
        )
    ]
    return JsonResponse(answer, safe=False)
