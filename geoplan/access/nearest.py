"""The public finder's question: which published sites are nearest on foot from here?

Reads the published services (with the finder's filters), walks from the point with
analysis.nearest, and answers per site with the services that matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np

from geoplan.analysis.nearest import nearest_targets
from geoplan.analysis.routing import minutes_from_m, snap_points
from geoplan.registry.models import Service, Site
from geoplan.registry.open_state import is_open_at
from geoplan.registry.vocabulary import TargetGroup

from .inputs import walk_network


@dataclass
class Filters:
    category: str | None = None
    target_group: str | None = None
    language: str | None = None
    step_free: bool = False
    # Only services known to be open then (a naive time is Turin's).
    open_at: datetime | None = None


@dataclass
class NearSite:
    site: Site
    services: list[Service]
    meters: float
    minutes: float
    route: list[tuple[float, float]] | None = None


@dataclass
class NearestAnswer:
    sites: list[NearSite]
    # Services left out by `open_at` because only published text says when they open.
    unknown_hours: int = 0
    origin_snap_m: float = 0.0


def matching_services(filters: Filters):
    services = (
        Service.objects.published()
        .filter(site__geom__isnull=False)
        .select_related("category")
        .prefetch_related("schedules", "closures")
        .order_by("category__order", "name")
    )
    if filters.category:
        services = services.filter(category__code=filters.category)
    if filters.target_group:
        # A service for everyone is for that group too (the same rule as /api/sites/).
        services = services.filter(
            target_groups__overlap=[filters.target_group, TargetGroup.EVERYONE]
        )
    if filters.language:
        services = services.filter(languages__contains=[filters.language])
    if filters.step_free:
        services = services.filter(step_free_access=True)
    return services


def nearest_sites(
    lon: float,
    lat: float,
    filters: Filters,
    limit: int = 5,
    speed_kmh: float = 4.5,
    with_routes: bool = False,
) -> NearestAnswer:
    by_site: dict[int, list[Service]] = {}
    unknown = 0
    for service in matching_services(filters):
        if filters.open_at is not None:
            state = is_open_at(service, filters.open_at)
            if state is None:
                unknown += 1
                continue
            if not state:
                continue
        by_site.setdefault(service.site_id, []).append(service)
    sites = list(
        Site.objects.filter(pk__in=by_site).select_related("zone", "circoscrizione").order_by("pk")
    )
    network = walk_network()
    lonlat = np.array([(s.geom.x, s.geom.y) for s in sites], dtype=float).reshape(-1, 2)
    targets = snap_points(network, lonlat[:, 0], lonlat[:, 1])
    reached = nearest_targets(network, lon, lat, targets, lonlat, limit, with_routes)
    minutes = minutes_from_m(reached.walk_m, speed_kmh)
    answer = []
    for rank, i in enumerate(reached.order):
        site = sites[i]
        answer.append(
            NearSite(
                site=site,
                services=by_site[site.pk],
                meters=float(reached.walk_m[rank]),
                minutes=float(minutes[rank]),
                route=reached.routes[rank] if reached.routes is not None else None,
            )
        )
    return NearestAnswer(answer, unknown, reached.origin_snap_m)
