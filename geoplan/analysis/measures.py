"""Accessibility measures per population cell and per zone, for every service category.

Definitions (DESIGN.md, "Measures"); times in minutes at ``speed_kmh``, snap legs included:
- ``nearest_min``: minutes to the nearest site of the category. ``inf`` when the category has no site
  (every placed point is on the same connected network, so that is the only way to reach nothing);
  zone means then are NaN and shares 0.
- ``sites_within_T`` / ``capacity_within_T``: sites and known capacity reachable in at most T minutes
  (a site without capacity adds to the count only).
- ``e2sfca``: Gaussian enhanced two-step floating catchment (Dai 2010). With t the walk minutes and d0
  the catchment, G(t) = (exp(-t²/2d0²) - exp(-1/2)) / (1 - exp(-1/2)) for t <= d0, else 0 (1 at the door,
  0 at the catchment edge). Each site's ratio R_j = S_j / sum_i G(t_ij) P_i, each cell's access
  A_i = sum_j G(t_ij) R_j: supply units per resident. A site whose catchment holds nobody gets R_j = 0.
  Supply S_j: ``supply_mode="auto"`` uses capacity when every site of the category has one above
  0, otherwise every site counts 1 ("one site", so units never mix); ``"capacity"`` uses capacity,
  with 1 for a missing one or one of 0; ``"sites"`` always 1. ``supply_mode`` may also be a dict
  {category: mode} (a category missing from it is "auto"), so that a recompute can keep the units
  of an earlier one. The mode used is recorded per category.
- Zone values are population-weighted over the zone's cell pieces (a split cell counts in each zone with
  its own residents): ``mean_min`` (over residents who can reach a site), ``pop_within_T`` and
  ``share_within_T``, ``e2sfca_mean``; then the category's need index (its own indicators and weights),
  the gap intensity, the residents beyond the gap threshold, the gap in people and its rank with ties
  (see :mod:`need`).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import scipy.sparse as sp

from geoplan.analysis.equity import gini, palma
from geoplan.analysis.need import Indicator, gap_scores, need_index
from geoplan.analysis.network import WalkNetwork
from geoplan.analysis.routing import (
    DEFAULT_SPEED_KMH,
    cost_table,
    m_from_minutes,
    minutes_from_m,
    nearest_m,
    snap_points,
)

DEFAULT_THRESHOLDS_MIN = (10, 15, 20)
DEFAULT_CATCHMENT_MIN = 20.0
GAP_THRESHOLD_MIN = 15
SUPPLY_MODES = ("auto", "capacity", "sites")


def gaussian_weight(walk_min, catchment_min: float = DEFAULT_CATCHMENT_MIN) -> np.ndarray:
    """Gaussian distance decay of E2SFCA: 1 at 0 min, 0 at and beyond ``catchment_min`` minutes."""
    t = np.asarray(walk_min, dtype=float)
    edge = np.exp(-0.5)
    g = (np.exp(-0.5 * (t / catchment_min) ** 2) - edge) / (1.0 - edge)
    return np.where(t <= catchment_min, g, 0.0)


def supply_of(capacity, mode: str = "auto") -> tuple[np.ndarray, str]:
    """Supply per site for E2SFCA and the mode actually used ("capacity" or "sites").

    A capacity that is missing, not finite or not above 0 is not known: in "auto" it makes the
    category count sites, in "capacity" the site counts 1.
    """
    if mode not in SUPPLY_MODES:
        raise ValueError(f"supply_mode must be one of {SUPPLY_MODES}")
    cap = np.asarray(capacity, dtype=float)
    known = np.isfinite(cap) & (cap > 0)
    if mode == "sites" or (mode == "auto" and not known.all()) or len(cap) == 0:
        return np.ones(len(cap)), "sites"
    return np.where(known, cap, 1.0), "capacity"


def e2sfca(source, point, walk_min, supply, demand, catchment_min=DEFAULT_CATCHMENT_MIN):
    """E2SFCA from a long-form cost table (``source``/``point`` positions, ``walk_min``).

    Returns (access per point, ratio per source, decayed demand per source). ``supply`` is per source,
    ``demand`` (residents) per point.
    """
    supply = np.asarray(supply, dtype=float)
    demand = np.asarray(demand, dtype=float)
    g = gaussian_weight(walk_min, catchment_min)
    weighted = np.bincount(source, weights=g * demand[point], minlength=len(supply))
    ratio = np.divide(supply, weighted, out=np.zeros(len(supply)), where=weighted > 0)
    access = np.bincount(point, weights=g * ratio[source], minlength=len(demand))
    return access, ratio, weighted


def cumulative(source, point, walk_min, capacity, n_points, thresholds_min) -> dict:
    """Sites and known capacity within each threshold: {"sites_within_T": ..., "capacity_within_T": ...}."""
    cap = np.nan_to_num(np.asarray(capacity, dtype=float), nan=0.0)[source]
    out = {}
    for t in thresholds_min:
        hit = walk_min <= t
        out[f"sites_within_{t:g}"] = np.bincount(point[hit], minlength=n_points)
        out[f"capacity_within_{t:g}"] = np.bincount(point[hit], cap[hit], minlength=n_points)
    return out


def zone_matrix(pieces: pd.DataFrame, cell_h3) -> tuple[sp.csr_matrix, pd.Index]:
    """Sparse (zone x cell) matrix of piece populations, and the zone codes of its rows."""
    col = pd.Index(cell_h3).get_indexer(pieces["h3"])
    if (col < 0).any():
        raise ValueError("pieces reference cells missing from the cells table")
    row, zones = pd.factorize(pieces["zone_code"], sort=True)
    pop = pieces["population"].to_numpy(dtype=float)
    return sp.csr_matrix((pop, (row, col)), shape=(len(zones), len(cell_h3))), pd.Index(zones)


def zone_summary(Z: sp.csr_matrix, zones: pd.Index, walk_min, e2sfca_access, thresholds_min):
    """Per-zone population-weighted measures from per-cell ``walk_min`` and E2SFCA (see module doc)."""
    walk_min = np.asarray(walk_min, dtype=float)
    reach = np.isfinite(walk_min)
    cols = np.column_stack(
        [np.ones_like(walk_min), reach, np.where(reach, walk_min, 0.0), e2sfca_access]
        + [walk_min <= t for t in thresholds_min]
    )
    sums = np.asarray(Z @ cols)
    pop, pop_reach = sums[:, 0], sums[:, 1]
    with np.errstate(invalid="ignore", divide="ignore"):
        out = {
            "population": pop.round().astype(np.int64),
            "mean_min": np.where(pop_reach > 0, sums[:, 2] / pop_reach, np.nan),
            "e2sfca_mean": np.where(pop > 0, sums[:, 3] / pop, np.nan),
        }
        for k, t in enumerate(thresholds_min):
            out[f"pop_within_{t:g}"] = sums[:, 4 + k].round().astype(np.int64)
            out[f"share_within_{t:g}"] = np.where(pop > 0, sums[:, 4 + k] / pop, np.nan)
    return pd.DataFrame(out, index=zones.rename("zone_code"))


@dataclass(frozen=True, eq=False)
class AccessResults:
    """Every measure of one run. Long-form tables, one row per (cell|zone|site, category):

    - ``cells``: h3, category, walk_m, nearest_min, nearest_site_id, sites_within_T,
      capacity_within_T, e2sfca;
    - ``zones``: zone_code, category, population, mean_min, e2sfca_mean, pop_within_T, share_within_T,
      need, need_01, need_components (dict of signed z-scores), gap, residents_beyond, gap_people,
      gap_rank, gap_tied;
    - ``sites``: site_id, category, node, snap_m, supply, catchment_demand, supply_ratio;
    - ``city``: one row per category: population-weighted mean_min, share_within_T, gini/palma of
      nearest_min and of e2sfca, supply_mode;
    - ``need``: {category: need index columns per zone (index zone_code)}, empty without indicators.
    """

    cells: pd.DataFrame
    zones: pd.DataFrame
    sites: pd.DataFrame
    city: pd.DataFrame
    need: dict
    params: dict
    timings_s: dict = field(default_factory=dict)


def _supply_modes(supply_mode):
    """The supply mode asked for each category, as a function of the category's code."""
    if isinstance(supply_mode, dict):
        wrong = sorted({m for m in supply_mode.values() if m not in SUPPLY_MODES})
        if wrong:
            raise ValueError(f"supply_mode must be one of {SUPPLY_MODES}, not {wrong}")
        return lambda category: supply_mode.get(category, "auto")
    if supply_mode not in SUPPLY_MODES:
        raise ValueError(f"supply_mode must be one of {SUPPLY_MODES}")
    return lambda category: supply_mode


def _site_frame(sites: pd.DataFrame) -> pd.DataFrame:
    missing = {"category", "lon", "lat"} - set(sites.columns)
    if missing:
        raise ValueError(f"sites lack columns {sorted(missing)}")
    out = pd.DataFrame(
        {
            "site_id": sites.get("site_id", sites.index),
            "category": sites["category"].astype(str),
            "lon": sites["lon"].astype(float),
            "lat": sites["lat"].astype(float),
            "capacity": sites["capacity"].astype(float) if "capacity" in sites else np.nan,
        }
    ).reset_index(drop=True)
    if not np.isfinite(out[["lon", "lat"]].to_numpy()).all():
        raise ValueError("every site needs lon/lat: drop unplaced sites before computing access")
    return out


def compute_all(
    network: WalkNetwork,
    cells: pd.DataFrame,
    pieces: pd.DataFrame,
    sites: pd.DataFrame,
    indicators: pd.DataFrame | None = None,
    indicator_specs: Sequence[Indicator] | dict[str, Sequence[Indicator]] | None = None,
    *,
    categories: Sequence[str] | None = None,
    speed_kmh: float = DEFAULT_SPEED_KMH,
    thresholds_min: Sequence[float] = DEFAULT_THRESHOLDS_MIN,
    catchment_min: float = DEFAULT_CATCHMENT_MIN,
    gap_threshold_min: float = GAP_THRESHOLD_MIN,
    supply_mode: str | dict[str, str] = "auto",
) -> AccessResults:
    """Compute every measure for every category (no I/O). Returns :class:`AccessResults`.

    ``cells``: h3, lon, lat (EPSG:4326), population; ``pieces``: h3, zone_code, population (see
    :mod:`population`); ``sites``: category, lon, lat, optional capacity and site_id; ``indicators``:
    need indicators indexed by zone code (optional: without them need, gap and rank are NaN);
    ``indicator_specs``: the same specs for every category, or a dict of specs per category (a
    category missing from the dict, or with no specs, gets no need).
    ``categories`` defaults to those of the sites; a category without sites gets ``inf`` minutes.
    Cells and sites are snapped to ``network`` here (any node/snap_m columns are ignored), so node
    indices from another build of the network can never leak in. ``supply_mode``: one of
    :data:`SUPPLY_MODES` for every category, or {category: mode} ("auto" for one left out).
    """
    modes_asked = _supply_modes(supply_mode)
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    thresholds = sorted({float(t) for t in thresholds_min} | {float(gap_threshold_min)})
    site_df = _site_frame(sites)
    if categories is None:
        categories = sorted(site_df["category"].unique())
    cells = cells.reset_index(drop=True)
    pop = cells["population"].to_numpy(dtype=float)
    cell_pts = snap_points(network, cells["lon"], cells["lat"])
    site_pts = snap_points(network, site_df["lon"], site_df["lat"])
    timings["snap"] = time.perf_counter() - t0

    t = time.perf_counter()
    max_min = max(max(thresholds), catchment_min)
    costs = cost_table(network, site_pts, cell_pts, m_from_minutes(max_min, speed_kmh))
    cost_src = costs["source"].to_numpy()
    cost_pt = costs["point"].to_numpy()
    cost_min = minutes_from_m(costs["walk_m"].to_numpy(), speed_kmh)
    timings["cost_table"] = time.perf_counter() - t

    need = {}
    if indicators is not None:
        for cat in categories:
            # One list for all categories, or a list per category; None means every column.
            specs = (
                indicator_specs.get(cat, [])
                if isinstance(indicator_specs, dict)
                else indicator_specs
            )
            if specs is None or len(specs):
                need[cat] = need_index(indicators, specs)
    Z, zone_codes = zone_matrix(pieces, cells["h3"])

    t = time.perf_counter()
    cell_rows, zone_rows, city_rows = [], [], []
    site_df["supply"], site_df["catchment_demand"], site_df["supply_ratio"] = 1.0, 0.0, 0.0
    supply_modes = {}
    site_ids = site_df["site_id"].to_numpy(dtype=object)
    for cat in categories:
        idx = np.flatnonzero(site_df["category"].to_numpy() == cat)
        walk_m, which = nearest_m(network, site_pts.subset(idx), cell_pts, return_source=True)
        walk_min = minutes_from_m(walk_m, speed_kmh)
        nearest_id = np.full(len(cells), None, dtype=object)
        nearest_id[which >= 0] = site_ids[idx][which[which >= 0]]

        local = np.full(len(site_df), -1)
        local[idx] = np.arange(len(idx))
        sel = local[cost_src] >= 0
        src, pt, mins = local[cost_src[sel]], cost_pt[sel], cost_min[sel]
        capacity = site_df["capacity"].to_numpy()[idx]
        supply, supply_modes[cat] = supply_of(capacity, modes_asked(cat))
        access, ratio, demand = e2sfca(src, pt, mins, supply, pop, catchment_min)
        site_df.loc[idx, ["supply", "catchment_demand", "supply_ratio"]] = np.c_[
            supply, demand, ratio
        ]

        cell_cols = {"h3": cells["h3"], "category": cat, "walk_m": walk_m}
        cell_cols |= {"nearest_min": walk_min, "nearest_site_id": nearest_id}
        cell_cols |= cumulative(src, pt, mins, capacity, len(cells), thresholds)
        cell_rows.append(pd.DataFrame(cell_cols | {"e2sfca": access}))

        zone = zone_summary(Z, zone_codes, walk_min, access, thresholds)
        if cat in need:
            zone = zone.join(need[cat][["need", "need_01"]])
            z_cols = [c for c in need[cat].columns if c.startswith("z_")]
            components = need[cat][z_cols].rename(columns=lambda c: c[2:])
            zone["need_components"] = [
                {k: float(v) for k, v in row.items() if pd.notna(v)}
                for row in components.reindex(zone.index).to_dict("records")
            ]
        else:
            zone[["need", "need_01"]] = np.nan
            zone["need_components"] = [{} for _ in range(len(zone))]
        zone = zone.join(
            gap_scores(
                zone["need_01"], zone[f"share_within_{gap_threshold_min:g}"], zone["population"]
            )
        )
        zone_rows.append(zone.reset_index().assign(category=cat))

        reach = np.isfinite(walk_min)
        city = {"category": cat, "supply_mode": supply_modes[cat], "n_sites": len(idx)}
        city["mean_min"] = (
            np.average(walk_min[reach], weights=pop[reach]) if reach.any() else np.nan
        )
        for th in thresholds:
            city[f"share_within_{th:g}"] = pop[walk_min <= th].sum() / pop.sum()
        city |= {"gini_nearest_min": gini(walk_min, pop), "palma_nearest_min": palma(walk_min, pop)}
        city |= {"gini_e2sfca": gini(access, pop), "palma_e2sfca": palma(access, pop)}
        city_rows.append(city)
    timings["measures"] = time.perf_counter() - t

    zones = pd.concat(zone_rows, ignore_index=True) if zone_rows else pd.DataFrame()
    if len(zones):
        first = ["zone_code", "category"]
        zones = zones[first + [c for c in zones.columns if c not in first]]
    site_df["node"], site_df["snap_m"] = site_pts.node, site_pts.snap_m
    timings["total"] = time.perf_counter() - t0
    params = {
        "speed_kmh": speed_kmh,
        "thresholds_min": thresholds,
        "catchment_min": catchment_min,
        "gap_threshold_min": gap_threshold_min,
        "decay": "gaussian",
        "supply_mode": dict(supply_mode) if isinstance(supply_mode, dict) else supply_mode,
        "supply_mode_used": supply_modes,
        "network_hash": network.source_hash,
        "categories": list(categories),
    }
    return AccessResults(
        cells=pd.concat(cell_rows, ignore_index=True) if cell_rows else pd.DataFrame(),
        zones=zones,
        sites=site_df,
        city=pd.DataFrame(city_rows),
        need=need,
        params=params,
        timings_s=timings,
    )
