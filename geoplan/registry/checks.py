"""Warnings for a site being placed by a person: a pin far from its street, a similar site near.

Warnings do not stop a proposal: the partner sees them before submitting and the moderator sees
them in the review. Distances are metres in EPSG:32632 (UTM 32N), as everywhere in geoplan.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import shapely
from django.contrib.gis.geos import Point
from django.contrib.gis.measure import D
from django.db.models import Q
from django.utils.translation import gettext as _
from pyproj import Transformer

from .duplicates import parse_street, similar_names
from .models import Site, Status
from .site_import import default_geocoder
from .text import fold, normalise_address

FAR_FROM_STREET_M = 300
NEAR_SITE_M = 100
_TO_METRIC = Transformer.from_crs("EPSG:4326", "EPSG:32632", always_xy=True)


@dataclass(frozen=True)
class LocationWarning:
    code: str  # far_from_street, street_unknown, similar_site, same_address
    message: str
    site_id: int | None = None
    distance_m: float | None = None

    def as_dict(self) -> dict:
        return asdict(self)


def distance_to_street_m(address: str, lon: float, lat: float) -> tuple[str | None, float | None]:
    """The network street the address names and the pin's distance from it (None if unknown)."""
    result = default_geocoder().geocode(address)
    if not result.ok:
        return None, None
    street = default_geocoder().street(result.street)
    line = shapely.transform(
        street.geometry, lambda xy: np.column_stack(_TO_METRIC.transform(xy[:, 0], xy[:, 1]))
    )
    x, y = _TO_METRIC.transform(lon, lat)
    return street.name, float(line.distance(shapely.Point(x, y)))


def location_warnings(
    name: str,
    address: str,
    lon: float | None,
    lat: float | None,
    exclude_site: int | None = None,
    visible_to: frozenset[int] | None = None,
) -> list[LocationWarning]:
    """Warnings for a site named ``name`` at ``address`` placed at (lon, lat), EPSG:4326.

    With ``visible_to`` (a partner's organisation ids) only sites that partner may know of are
    named: public ones and its own; None names any site (city staff).
    """
    warnings: list[LocationWarning] = []
    if lon is None or lat is None:
        return warnings
    if address:
        street, distance = distance_to_street_m(address, lon, lat)
        if street is None:
            warnings.append(
                LocationWarning(
                    "street_unknown",
                    _(
                        "The street of “%(address)s” was not found in the walking network: check "
                        "that the pin stands at the address."
                    )
                    % {"address": address},
                )
            )
        elif distance > FAR_FROM_STREET_M:
            warnings.append(
                LocationWarning(
                    "far_from_street",
                    _(
                        "The pin is %(distance)d m from %(street)s, the street of the address: "
                        "check that it stands at the address."
                    )
                    % {"distance": round(distance), "street": street},
                    distance_m=round(distance, 1),
                )
            )
    point = Point(lon, lat, srid=4326)
    key = normalise_address(address) if address else None
    street = parse_street(address or "")
    near = (
        Site.objects.located()
        .filter(geom__distance_lte=(point, D(m=NEAR_SITE_M)))
        .exclude(pk=exclude_site)
        .only("id", "name", "address", "address_key", "geom")
    )
    if visible_to is not None:
        near = near.filter(
            Q(services__status=Status.PUBLISHED) | Q(organization_id__in=visible_to)
        ).distinct()
    for site in near:
        distance = _metres(point, site.geom)
        if distance > NEAR_SITE_M:
            continue
        if key and site.address_key == key:
            code, text = "same_address", _("“%(site)s” is registered at the same address.")
        elif fold(site.name) == fold(name) or similar_names(
            name, site.name, street, parse_street(site.address)
        ):
            code, text = (
                "similar_site",
                _("“%(site)s”, %(distance)d m away, has a similar name: is it the same place?"),
            )
        else:
            continue
        warnings.append(
            LocationWarning(
                code,
                text % {"site": site.name, "distance": round(distance)},
                site_id=site.pk,
                distance_m=round(distance, 1),
            )
        )
    return warnings


def _metres(a, b) -> float:
    ax, ay = _TO_METRIC.transform(a.x, a.y)
    bx, by = _TO_METRIC.transform(b.x, b.y)
    return ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5


def metres_between(a: dict | None, b: dict | None) -> float | None:
    """Distance between two {"lon", "lat"} locations, or None if either is missing."""
    if not a or not b:
        return None
    return round(_metres(Point(a["lon"], a["lat"]), Point(b["lon"], b["lat"])), 1)
