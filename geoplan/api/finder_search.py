"""What the finder's search box finds, offline: public sites and services by name, zones by name,
and streets of the walking network (street-level: the network has no house numbers)."""

from __future__ import annotations

import re
import unicodedata

from django.urls import reverse
from django.utils.translation import gettext as _

from geoplan.registry.models import Service, Site
from geoplan.registry.site_import import default_geocoder
from geoplan.territory.models import Zone

MAX_SITES = 5
MAX_ZONES = 3
MAX_STREETS = 6
# A house number after the street: "Via Nizza 230", "Corso Francia 12/a", "Via Po 9 bis".
_HOUSE_NUMBER = re.compile(r"[\s,]+(\d+\s*(?:bis|ter|[a-z]\b|/\s*\w+)?)\s*$", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case without accents, for matching what people type ("liberta" finds "Libertà")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _matches(words: list[str], text: str) -> bool:
    folded = fold(text)
    return all(word in folded for word in words)


def house_number(query: str) -> str:
    match = _HOUSE_NUMBER.search(query)
    return match[1].replace(" ", "") if match else ""


def _site_results(words: list[str]) -> list[dict]:
    services = Service.objects.published().filter(site__geom__isnull=False)
    sites = (
        Site.objects.filter(pk__in=services.values("site_id"))
        .prefetch_related(
            # Only the published services' names count (a draft's name is not public).
            "services"
        )
        .order_by("name")
    )
    published = set(services.values_list("pk", flat=True))
    found = []
    for site in sites:
        names = [site.name] + [s.name for s in site.services.all() if s.pk in published]
        if any(_matches(words, name) for name in names):
            found.append(
                {
                    "label": site.name,
                    "kind": "site",
                    "lon": round(site.geom.x, 7),
                    "lat": round(site.geom.y, 7),
                    "precision": site.location_precision,
                    "note": site.address,
                    "id": site.pk,
                    "url": reverse("public:site", args=[site.pk]),
                }
            )
    return found[:MAX_SITES]


def _zone_results(words: list[str]) -> list[dict]:
    found = []
    for zone in Zone.objects.order_by("name").only("code", "name", "geom"):
        if _matches(words, zone.name):
            point = zone.geom.point_on_surface
            found.append(
                {
                    "label": zone.name,
                    "kind": "zone",
                    "lon": round(point.x, 7),
                    "lat": round(point.y, 7),
                    "precision": "zone",
                    "note": _("Neighbourhood (zona statistica %(code)s)") % {"code": zone.code},
                }
            )
    return found[:MAX_ZONES]


def _street_results(query: str) -> list[dict]:
    geocoder = default_geocoder()
    number = house_number(query)
    found = []
    for name in geocoder.suggest(query, MAX_STREETS):
        street = geocoder.street(name)
        label = f"{name} {number}" if number else name
        note = (
            _("Street-level position: the number %(number)s is not located, only the street.")
            % {"number": number}
            if number
            else _("Street-level position: a point on the street.")
        )
        found.append(
            {
                "label": label,
                "kind": "street",
                "lon": round(street.point.x, 7),
                "lat": round(street.point.y, 7),
                "precision": "street",
                "note": note,
            }
        )
    return found


def search_places(query: str) -> list[dict]:
    """Sites, zones, then streets matching ``query`` (at least 2 characters, else nothing)."""
    if len(query) < 2:
        return []
    words = fold(_HOUSE_NUMBER.sub("", query)).split() or fold(query).split()
    return _site_results(words) + _zone_results(words) + _street_results(query)
