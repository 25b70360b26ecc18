"""What the workspace's layers, map report and print layout draw: zone outlines, published
sites, a scenario's proposals, its results and isochrones. Coordinates in EPSG:4326.
"""

from typing import NamedTuple

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from shapely import wkb

from geoplan.access.isochrones import isochrones_geojson
from geoplan.registry.models import Service
from geoplan.territory.models import Zone

from . import export_params as params
from .models import ScenarioEdit
from .scenarios import compare_results, scenario_results

# Isochrones are computed for at most this many points in one answer.
MAX_ISOCHRONE_POINTS = 40
ISOCHRONE_MINUTES = (5, 10, 15, 20)


def zone_shapes() -> dict:
    """Zone code -> (name, circoscrizione number as text, shapely MultiPolygon in EPSG:4326)."""
    return {
        code: (name, str(number or ""), wkb.loads(bytes(geom.wkb)))
        for code, name, number, geom in Zone.objects.order_by("code").values_list(
            "code", "name", "circoscrizione__number", "geom"
        )
    }


def published_sites(category: str) -> list[dict]:
    """The located sites with a published (real) service of the category, one row per site,
    as the runs count them (illustrative services left out)."""
    language = get_language() or "it"
    sites: dict[int, dict] = {}
    services = (
        Service.objects.published(include_illustrative=False)
        .filter(category__code=category)
        .select_related("site", "category")
        .order_by("site_id", "pk")
    )
    for s in services:
        site = sites.setdefault(
            s.site_id,
            {
                "site": s.site_id,
                "name": s.site.name,
                "address": s.site.address,
                "category": category,
                "category_name": s.category.name(language),
                "services": [],
                "capacity": None,
                "location_precision": s.site.location_precision,
                "lon": round(s.site.geom.x, 6),
                "lat": round(s.site.geom.y, 6),
            },
        )
        site["services"].append(s.name)
        if s.capacity is not None:
            site["capacity"] = (site["capacity"] or 0) + s.capacity
    for site in sites.values():
        site["services"] = "; ".join(site["services"])
    return list(sites.values())


def proposals(scenario, category: str | None = None) -> list[dict]:
    """The scenario's edits that place or remove a site (add, move, close), as points: where the
    site would stand (move: also where it stands now), in the order of the scenario."""
    rows = []
    edits = (
        ScenarioEdit.objects.filter(scenario=scenario, kind__in=("add", "move", "close"))
        .select_related("site", "category")
        .order_by("position", "pk")
    )
    language = get_language() or "it"
    for e in edits:
        site = e.site
        if e.kind == "add":
            if category and e.category.code != category:
                continue
            point = e.geom
        else:
            if site is None or site.geom is None:
                continue
            if category and not site.services.filter(category__code=category).exists():
                continue
            point = e.geom if e.kind == "move" else site.geom
        rows.append(
            {
                "edit": e.pk,
                "position": e.position,
                "kind": e.kind,
                "kind_label": str(e.get_kind_display()),
                "category": e.category.code if e.category else (category or ""),
                "category_name": e.category.name(language) if e.category else "",
                "name": e.name or (site.name if site else "") or _("Proposed site"),
                "capacity": e.capacity,
                "site": site.pk if site else None,
                "lon": round(point.x, 6),
                "lat": round(point.y, 6),
                "from_lon": round(site.geom.x, 6) if e.kind == "move" else None,
                "from_lat": round(site.geom.y, 6) if e.kind == "move" else None,
            }
        )
    return rows


def results_of(scenario, profile: str) -> dict:
    """The scenario's results (:func:`geoplan.planning.scenarios.scenario_results`)."""
    return scenario_results(scenario, profile)


def compared(a, b, profile: str) -> dict:
    """Two scenarios compared (:func:`geoplan.planning.scenarios.compare_results`)."""
    return compare_results(a, b, profile)


def isochrone_points(scenario, category: str | None) -> tuple[list[dict], int]:
    """The points isochrones are drawn around, at most MAX_ISOCHRONE_POINTS, and how many there
    were: a scenario's added sites (of the category, if given), else the category's sites."""
    if scenario is not None:
        points = [p for p in proposals(scenario, category) if p["kind"] == "add"]
    else:
        points = published_sites(category)
    return points[:MAX_ISOCHRONE_POINTS], len(points)


def isochrones_of(points: list[dict], profile: str) -> dict:
    """A FeatureCollection of walking isochrones (5, 10, 15, 20 min) around the points."""
    if not points:
        return {"type": "FeatureCollection", "features": []}
    return isochrones_geojson(
        [(p["lon"], p["lat"]) for p in points], minutes=ISOCHRONE_MINUTES, profile=profile
    )


class ScenarioView(NamedTuple):
    """What a scenario's print layout and map report show, from the request's parameters."""

    profile: str
    run: object
    results: dict
    code: str
    category: object


def scenario_view(request, scenario) -> ScenarioView:
    """The walking profile, its latest run, the scenario's results and the category shown: the
    one asked for (refused if the scenario does not change it) or the one it changes most."""
    profile = params.profile_param(request)
    asked = params.category_param(request, required=False)
    run = params.latest_run(profile)
    results = results_of(scenario, profile)
    code = params.affected_category(results, asked)
    return ScenarioView(profile, run, results, code, asked or params.category_by_code(code))
