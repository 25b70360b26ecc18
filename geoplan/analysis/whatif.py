"""What if new sites opened? Updated nearest minutes from a bounded search from the new sites only.

A new site can only lower a cell's time to below its current one, so the search stops at the largest
current time still worth improving (or at an explicit ``limit_min``); cells beyond it keep their time.
With the default limit the result equals a full recomputation with the new sites added.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geoplan.analysis.measures import GAP_THRESHOLD_MIN
from geoplan.analysis.need import gap_scores
from geoplan.analysis.network import WalkNetwork
from geoplan.analysis.population import zone_weighted
from geoplan.analysis.routing import (
    DEFAULT_SPEED_KMH,
    Snapped,
    m_from_minutes,
    minutes_from_m,
    nearest_m,
    snap_points,
)


def whatif_nearest_min(
    network: WalkNetwork,
    cells: Snapped,
    current_min,
    new_lon,
    new_lat,
    speed_kmh: float = DEFAULT_SPEED_KMH,
    limit_min: float | None = None,
) -> np.ndarray:
    """New nearest minutes per cell after adding sites at EPSG:4326 ``new_lon``/``new_lat``.

    ``cells`` are the snapped cells (same order as ``current_min``, minutes at ``speed_kmh``). The search
    is bounded by ``limit_min`` (default: the largest finite current time, or none if the category has
    no site yet). Returns min(current, via a new site), cell by cell.
    """
    current = np.asarray(current_min, dtype=float)
    if limit_min is None:
        finite = current[np.isfinite(current)]
        limit_min = float(finite.max()) if len(finite) == len(current) and len(finite) else np.inf
    new_sites = snap_points(network, new_lon, new_lat)
    via_new = minutes_from_m(
        nearest_m(network, new_sites, cells, limit_m=float(m_from_minutes(limit_min, speed_kmh))),
        speed_kmh,
    )
    return np.minimum(current, via_new)


def whatif_zones(
    pieces: pd.DataFrame,
    cell_h3,
    before_min,
    after_min,
    threshold_min: float = GAP_THRESHOLD_MIN,
    need_01: pd.Series | None = None,
) -> pd.DataFrame:
    """Per zone: what the change in nearest minutes means for residents.

    Columns (index zone_code): ``pop_within_before``/``after`` and ``newly_within`` (residents within
    ``threshold_min``), ``mean_min_before``/``after`` and ``delta_mean_min`` (population-weighted over
    residents who can reach a site), and with ``need_01`` (index zone_code) ``gap_people_before``/
    ``after`` (need-weighted residents beyond the threshold) and ``gap_rank_before``/``after``
    (1 = worst gap).
    """
    before = np.asarray(before_min, dtype=float)
    after = np.asarray(after_min, dtype=float)
    pop = zone_weighted(pieces, cell_h3, np.ones(len(before)), how="sum")
    out = pd.DataFrame({"population": pop.round().astype(np.int64)})
    for name, values in (("before", before), ("after", after)):
        within = zone_weighted(pieces, cell_h3, (values <= threshold_min).astype(float), how="sum")
        out[f"pop_within_{name}"] = within.round().astype(np.int64)
        out[f"mean_min_{name}"] = zone_weighted(
            pieces, cell_h3, np.where(np.isfinite(values), values, np.nan)
        )
    out["newly_within"] = out["pop_within_after"] - out["pop_within_before"]
    out["delta_mean_min"] = out["mean_min_after"] - out["mean_min_before"]
    if need_01 is not None:
        for name in ("before", "after"):
            share = out[f"pop_within_{name}"] / out["population"].where(out["population"] > 0)
            gap = gap_scores(need_01, share, out["population"])
            out[f"gap_people_{name}"] = gap["gap_people"]
            out[f"gap_rank_{name}"] = gap["gap_rank"]
    out.index.name = "zone_code"
    return out
