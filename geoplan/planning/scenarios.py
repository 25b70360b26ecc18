"""A scenario's results: every measure recomputed over the whole city with its edits applied.

"Before" is the current published registry, territory and need weights
(:meth:`geoplan.access.inputs.AccessInputs.gather`): the latest run shows the same figures once
the recompute that follows every change has run. The edits are applied to a copy of the sites
and :func:`geoplan.analysis.measures.compute_all` runs twice, without and with them, for the
categories the edits change only (the others are unchanged by definition). No approximation:
the "after" figures equal a run made with the edits written into the registry, except that
E2SFCA keeps the supply mode "before" used in each category (capacity, or one unit per site),
so that its before and after are in the same units: an added site without a capacity counts
one unit where capacities count, and one with a capacity counts one site where sites count (a
capacity set where sites count changes no figure: the answer warns so, naming the category).

Answers are kept in the shared cache, keyed by the scenario, its edits, the walking profile and
the fingerprint of the inputs (registry, territory, need weights, network), so that a new edit,
or a change to the inputs not yet recomputed, is never met by an old answer.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import time

import numpy as np
import pandas as pd
from django.core.cache import caches
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from geoplan.registry.models import ServiceCategory, Site
from geoplan.territory.models import Zone

from .edits import apply_edits
from .models import Scenario, ScenarioEdit
from .query_values import parse_profile

logger = logging.getLogger(__name__)

THRESHOLD_MIN = 15
# Part of every cache key: a change of the answers' shape or method is never met by old ones.
RESULTS_FORMAT = 2
CACHE_TIMEOUT_S = 7 * 24 * 3600

CITY_MEASURES = (
    "residents_within_15",
    "share_within_15",
    "need_weighted_unserved",
    "mean_min",
    "e2sfca_mean",
    "gini_nearest_min",
    "palma_nearest_min",
    "gini_e2sfca",
    "palma_e2sfca",
    "n_sites",
)
ZONE_MEASURES = (
    "residents_within_15",
    "share_within_15",
    "need_weighted_unserved",
    "mean_min",
    "e2sfca_mean",
    "gap_rank",
)
INTEGER_MEASURES = {"residents_within_15", "gap_rank", "n_sites"}


def _num(value, integer: bool = False):
    """A plain JSON number, or None for a missing or infinite value."""
    if value is None or value is pd.NA:
        return None
    value = float(value)
    if not math.isfinite(value):
        return None
    return int(round(value)) if integer else value


def _delta(after: dict, before: dict) -> dict:
    return {
        k: None if after[k] is None or before[k] is None else after[k] - before[k] for k in after
    }


def _measures(results, cells: pd.DataFrame) -> tuple[dict, dict]:
    """City measures {category: M} and zone measures {(category, zone): (population, Z)}."""
    pop = cells["population"].to_numpy(dtype=float)
    city, zones = {}, {}
    by_cat = dict(iter(results.zones.groupby("category", sort=False)))
    cell_by_cat = dict(iter(results.cells.groupby("category", sort=False)))
    for row in results.city.to_dict("records"):
        cat = row["category"]
        zone = by_cat[cat]
        gap_people = zone["gap_people"].to_numpy(dtype=float)
        access = cell_by_cat[cat]["e2sfca"].to_numpy(dtype=float)
        city[cat] = {
            "residents_within_15": int(zone[f"pop_within_{THRESHOLD_MIN}"].sum()),
            "share_within_15": _num(row[f"share_within_{THRESHOLD_MIN:g}"]),
            "need_weighted_unserved": (
                _num(np.nansum(gap_people)) if np.isfinite(gap_people).any() else None
            ),
            "mean_min": _num(row["mean_min"]),
            "e2sfca_mean": _num(np.sum(access * pop) / pop.sum()) if pop.sum() > 0 else None,
            "gini_nearest_min": _num(row["gini_nearest_min"]),
            "palma_nearest_min": _num(row["palma_nearest_min"]),
            "gini_e2sfca": _num(row["gini_e2sfca"]),
            "palma_e2sfca": _num(row["palma_e2sfca"]),
            "n_sites": int(row["n_sites"]),
        }
        for z in zone.to_dict("records"):
            zones[cat, z["zone_code"]] = (
                int(z["population"]),
                {
                    "residents_within_15": int(z[f"pop_within_{THRESHOLD_MIN}"]),
                    "share_within_15": _num(z[f"share_within_{THRESHOLD_MIN}"]),
                    "need_weighted_unserved": _num(z["gap_people"]),
                    "mean_min": _num(z["mean_min"]),
                    "e2sfca_mean": _num(z["e2sfca_mean"]),
                    "gap_rank": _num(z["gap_rank"], integer=True),
                },
            )
    return city, zones


def compute_measures(
    inputs,
    sites: pd.DataFrame,
    categories: list[str],
    speed_kmh: float,
    supply_mode: str | dict[str, str] = "auto",
):
    """City and zone measures (see :func:`_measures`) of ``categories`` with these ``sites``,
    and the E2SFCA supply mode used per category (``supply_mode`` as in ``compute_all``)."""
    from geoplan.access.inputs import walk_network
    from geoplan.access.services import THRESHOLDS_MIN
    from geoplan.analysis.measures import compute_all

    network = walk_network()
    grid = inputs.population_grid(network)
    # Sites of other categories change nothing in these ones: leave them out of the routing.
    results = compute_all(
        network,
        grid.cells,
        grid.pieces,
        sites[sites["category"].isin(categories)],
        inputs.indicators,
        inputs.specs,
        categories=categories,
        speed_kmh=speed_kmh,
        thresholds_min=THRESHOLDS_MIN,
        supply_mode=supply_mode,
    )
    city, zones = _measures(results, grid.cells)
    return city, zones, results.params["supply_mode_used"]


def _edits(scenario: Scenario) -> list[ScenarioEdit]:
    return list(scenario.edits.select_related("category", "site").order_by("position", "pk"))


def edit_json(edit: ScenarioEdit) -> dict:
    """An edit as the API and the results give it."""
    return {
        "id": edit.pk,
        "position": edit.position,
        "kind": edit.kind,
        "category": edit.category.code if edit.category_id else None,
        "site": edit.site_id,
        "site_name": edit.site.name if edit.site_id else None,
        "lon": edit.geom.x if edit.geom is not None else None,
        "lat": edit.geom.y if edit.geom is not None else None,
        "capacity": edit.capacity,
        "hours": edit.hours,
        "name": edit.name,
        "note": edit.note,
    }


def _cache_key(scenario: Scenario, edits: list[ScenarioEdit], profile: str, inputs_hash) -> str:
    h = hashlib.sha256()
    payload = {
        "format": RESULTS_FORMAT,
        "scenario": scenario.pk,
        "updated_at": scenario.updated_at.isoformat() if scenario.updated_at else None,
        "edits": [
            [e.pk, e.position, e.kind, e.category_id, e.site_id, e.geom.wkt if e.geom else None]
            + [e.capacity]
            for e in edits
        ],
        "profile": profile,
        # What "before" is computed from, as a run fingerprints it: a registry change or a need
        # weight saved before the next recompute, or a database rebuilt with the same primary
        # keys, never meets an answer made from other data.
        "inputs": inputs_hash,
    }
    h.update(json.dumps(payload, sort_keys=True, default=str).encode())
    return f"scenario-results:{scenario.pk}:{h.hexdigest()}"


def _cache():
    return caches["shared"]


def _cached(key: str):
    try:
        return _cache().get(key)
    except Exception as exc:  # an unreachable cache costs time, never the answer
        logger.warning("scenario results cache unreadable (%s)", exc)
        return None


def _store(key: str, value: dict) -> None:
    try:
        _cache().set(key, value, CACHE_TIMEOUT_S)
    except Exception as exc:
        logger.warning("scenario results cache not written (%s)", exc)


def _compute(inputs, edits: list[ScenarioEdit], speed_kmh: float) -> dict:
    """The language-free core of the results: codes and numbers only."""
    t0 = time.perf_counter()
    applied = apply_edits(inputs.sites, edits, inputs.categories)
    cats = applied.categories
    city, zones = [], []
    if cats:
        city_b, zones_b, modes = compute_measures(inputs, inputs.sites, cats, speed_kmh)
        # "After" in the units of "before": an added site without capacity, or one with a
        # capacity in a category counting sites, must not switch the category's E2SFCA units.
        city_a, zones_a, _modes = compute_measures(
            inputs, applied.sites, cats, speed_kmh, supply_mode=modes
        )
        for cat in cats:
            city.append(
                {
                    "category": cat,
                    "supply_mode": modes[cat],
                    "before": city_b[cat],
                    "after": city_a[cat],
                    "delta": _delta(city_a[cat], city_b[cat]),
                }
            )
        for cat in cats:
            for key in sorted(k for k in zones_b if k[0] == cat):
                population, before = zones_b[key]
                after = zones_a[key][1]
                zones.append(
                    {
                        "zone": key[1],
                        "category": cat,
                        "population": population,
                        "before": before,
                        "after": after,
                        "delta": _delta(after, before),
                    }
                )
    return {
        "computed_at": timezone.now().isoformat(),
        "seconds": round(time.perf_counter() - t0, 4),
        "categories": cats,
        "skipped": applied.skipped,
        "city": city,
        "zones": zones,
    }


def _warning(skip: dict, site_names: dict) -> str:
    values = {
        "number": skip["number"],
        "kind": skip["kind"],
        "site": skip["site"],
        "name": site_names.get(skip["site"], "?"),
    }
    if skip["kind"] == "capacity":
        return (
            _(
                "Edit %(number)d (capacity) was skipped: site %(site)s (%(name)s) no longer "
                "has a published service of that category."
            )
            % values
        )
    return (
        _(
            "Edit %(number)d (%(kind)s) was skipped: site %(site)s (%(name)s) has no published "
            "service any more (closed, archived or unpublished since, or closed by an earlier "
            "edit)."
        )
        % values
    )


def _uncounted_capacities(edits: list[ScenarioEdit], core: dict, names: dict) -> list[str]:
    """A sentence per category whose E2SFCA counts sites (some of its published sites state no
    capacity) and where an edit sets a capacity: that capacity changes no figure."""
    counting_sites = {c["category"] for c in core["city"] if c["supply_mode"] == "sites"}
    skipped = {s["edit"] for s in core["skipped"]}
    codes = []
    for edit in edits:
        code = edit.category.code if edit.category_id else None
        sets_capacity = edit.kind == "capacity" or (
            edit.kind == "add" and edit.capacity is not None
        )
        if (
            sets_capacity
            and code in counting_sites
            and edit.pk not in skipped
            and code not in codes
        ):
            codes.append(code)
    return [
        _(
            "Capacities do not count for %(category)s: not every site of it states one, so "
            "each counts as one site."
        )
        % {"category": names.get(code) or code}
        for code in codes
    ]


def scenario_results(scenario: Scenario, profile: str = "standard") -> dict:
    """Before, after and their difference, city-wide and per zone, for every category the
    scenario's edits change (see the module doc; the shape is the API's). ``ValueError`` with a
    sentence for an unknown ``profile``."""
    from geoplan.access.inputs import AccessInputs, walk_network
    from geoplan.access.models import PROFILE_SPEED_KMH

    profile = parse_profile(profile)
    speed_kmh = PROFILE_SPEED_KMH[profile]
    edits = _edits(scenario)
    inputs = AccessInputs.gather()
    key = _cache_key(
        scenario, edits, profile, inputs.fingerprint(walk_network().source_hash, speed_kmh, False)
    )
    core = _cached(key)
    if core is None:
        core = _compute(inputs, edits, speed_kmh)
        _store(key, core)
    return _localised(scenario, edits, profile, core)


def _localised(scenario: Scenario, edits: list[ScenarioEdit], profile: str, core: dict) -> dict:
    language = get_language() or "it"
    categories = {c.code: c.name(language) for c in ServiceCategory.objects.all()}
    zones = {
        z.code: (z.name, str(z.circoscrizione.number) if z.circoscrizione_id else None)
        for z in Zone.objects.select_related("circoscrizione")
    }
    skipped_sites = {s["site"] for s in core["skipped"]}
    site_names = dict(Site.objects.filter(pk__in=skipped_sites).values_list("pk", "name"))
    return {
        "scenario": scenario.pk,
        "name": scenario.name,
        "is_illustrative": scenario.is_illustrative,
        "profile": profile,
        "threshold_min": THRESHOLD_MIN,
        "computed_at": core["computed_at"],
        "seconds": core["seconds"],
        "categories": core["categories"],
        "edits": [edit_json(e) for e in edits],
        "warnings": [_warning(s, site_names) for s in core["skipped"]]
        + _uncounted_capacities(edits, core, categories),
        "city": [
            {
                "category": c["category"],
                "category_name": categories.get(c["category"], ""),
                "supply_mode": c["supply_mode"],
            }
            | {k: c[k] for k in ("before", "after", "delta")}
            for c in core["city"]
        ],
        "zones": [
            {
                "zone": z["zone"],
                "zone_name": zones.get(z["zone"], ("", None))[0],
                "circoscrizione": zones.get(z["zone"], ("", None))[1],
            }
            | {k: z[k] for k in ("category", "population", "before", "after", "delta")}
            for z in core["zones"]
        ],
    }


def _unchanged(before: dict) -> dict:
    """The delta of a scenario that leaves a category as it is: 0 where the value exists."""
    return {k: None if v is None else 0 for k, v in before.items()}


def compare_results(a: Scenario, b: Scenario, profile: str = "standard") -> dict:
    """The changes two scenarios make, side by side, and b's minus a's; a category only one of
    them changes has zero changes in the other (see the module doc)."""
    ra, rb = scenario_results(a, profile), scenario_results(b, profile)
    categories = ra["categories"] + [c for c in rb["categories"] if c not in ra["categories"]]
    city_a = {c["category"]: c for c in ra["city"]}
    city_b = {c["category"]: c for c in rb["city"]}
    zones_a = {(z["category"], z["zone"]): z for z in ra["zones"]}
    zones_b = {(z["category"], z["zone"]): z for z in rb["zones"]}

    def side(rows, key, other):
        row = rows.get(key)
        return row["delta"] if row is not None else _unchanged(other[key]["before"])

    city = []
    for cat in categories:
        da, db = side(city_a, cat, city_b), side(city_b, cat, city_a)
        named = city_a.get(cat) or city_b[cat]
        city.append(
            {"category": cat, "category_name": named["category_name"], "a": da, "b": db}
            | {"b_minus_a": _delta(db, da)}
        )
    zones = []
    for cat in categories:
        keys = sorted(k for k in (zones_a.keys() | zones_b.keys()) if k[0] == cat)
        for key in keys:
            da, db = side(zones_a, key, zones_b), side(zones_b, key, zones_a)
            z = zones_a.get(key) or zones_b[key]
            zones.append(
                {k: z[k] for k in ("zone", "zone_name", "circoscrizione", "category", "population")}
                | {"a": da, "b": db, "b_minus_a": _delta(db, da)}
            )

    def who(r, s):
        return {
            "scenario": s.pk,
            "name": s.name,
            "is_illustrative": s.is_illustrative,
            "categories": r["categories"],
            "warnings": r["warnings"],
        }

    return {
        "a": who(ra, a),
        "b": who(rb, b),
        "profile": profile,
        "threshold_min": THRESHOLD_MIN,
        "categories": categories,
        "city": city,
        "zones": zones,
    }
