"""Need index per zone and the gap score (need x lack of access).

Need index: each indicator is standardised across zones as a z-score (mean 0, population standard
deviation 1, zones unweighted), its sign flipped when a *lower* value means more need, and the index is
the weighted mean of the z-scores a zone has. A zone missing an indicator is scored on the others (the
weights renormalised); a zone missing all of them gets NaN. An indicator that is equal everywhere has
no information and scores 0.

Gap score: ``need_01 x (1 - share of residents within T minutes)``, T = 15 by default, where ``need_01``
is the zone's need as a percentile among zones: the share of zones whose need is at most its own, in
(0, 1] (ties share the highest rank; when every zone has the same need, 1, so the gap falls back to
lack of access alone). A min-max rescale would give the least-needy zones a need of exactly 0 and so
no gap however far their residents walk; the percentile keeps every zone's lack of access visible.
The score is in [0, 1]: the gap's *intensity*, blind to how many people it concerns.

Gap in people (the ranking measure): ``need_01 x residents beyond T minutes``: the residents of the zone
who cannot walk to a site within T, each counted by the zone's need percentile. A park with 500
residents and a district of 18,000 with the same intensity no longer tie. Zones are ranked on it, rank 1
the worst; zones with equal values share a rank (``method="min"``: 1, 2, 2, 4) and are flagged as tied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Indicator:
    """A need indicator: a column name, its direction and its weight in the index."""

    name: str
    higher_means_more_need: bool = True
    weight: float = 1.0


def zscores(indicators: pd.DataFrame, specs: Sequence[Indicator]) -> pd.DataFrame:
    """Signed z-scores (positive = more need) of each indicator, NaN where the zone lacks it."""
    out = {}
    for spec in specs:
        col = pd.to_numeric(indicators[spec.name], errors="coerce").astype(float)
        sd = col.std(ddof=0)
        z = (col - col.mean()) / sd if sd > 0 else col * 0.0
        out[spec.name] = z if spec.higher_means_more_need else -z
    return pd.DataFrame(out, index=indicators.index)


def need_index(indicators: pd.DataFrame, specs: Sequence[Indicator] | None = None) -> pd.DataFrame:
    """Need index per zone (rows of ``indicators``, indexed by zone code).

    Without ``specs``, every numeric column counts, higher = more need, weight 1. Returns the z-score
    columns (``z_<name>``), ``n_indicators`` used, ``need`` (weighted mean z) and ``need_01`` (rescaled).
    """
    if specs is None:
        specs = [Indicator(c) for c in indicators.select_dtypes("number").columns]
    if any(s.weight < 0 for s in specs):
        raise ValueError("indicator weights must be non-negative")
    z = zscores(indicators, specs)
    weights = pd.Series({s.name: s.weight for s in specs}, dtype=float)
    present = z.notna()
    w_present = present.mul(weights, axis=1)
    w_sum = w_present.sum(axis=1)
    need = z.fillna(0.0).mul(weights, axis=1).sum(axis=1) / w_sum.where(w_sum > 0)
    out = z.add_prefix("z_")
    out["n_indicators"] = present.sum(axis=1).astype(int)
    out["need"] = need
    out["need_01"] = need_percentile(need)
    return out


def need_percentile(values: pd.Series) -> pd.Series:
    """Share of zones whose need is at most this zone's, in (0, 1]; NaN stays NaN."""
    return values.rank(method="max", pct=True)


def gap_scores(
    need_01: pd.Series, share_within: pd.Series, population: pd.Series | None = None
) -> pd.DataFrame:
    """Per zone: gap intensity (need_01 x (1 - share within T)) and, with ``population``,
    ``residents_beyond``, ``gap_people`` (need_01 x residents beyond T), its rank (1 = worst) and
    whether the rank is tied. Without population the rank is on the intensity.

    Inputs are indexed by zone code; a zone missing any gets NaN and no rank (ranked last).
    """
    need_01, share_within = need_01.align(share_within, join="outer")
    out = pd.DataFrame({"gap": need_01 * (1.0 - share_within)})
    ranked = out["gap"]
    if population is not None:
        population = population.reindex(out.index).astype(float)
        out["residents_beyond"] = (population * (1.0 - share_within)).round()
        out["gap_people"] = need_01 * out["residents_beyond"]
        ranked = out["gap_people"]
    out["gap_rank"], out["gap_tied"] = tied_ranks(ranked)
    return out


def tied_ranks(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Rank (1 = largest; equal values share the lowest rank) and whether each rank is shared.

    Values are compared after rounding to 9 significant digits, so that floating-point noise does
    not split a real tie."""
    key = values.map(lambda v: float(f"{v:.9g}") if pd.notna(v) else v)
    rank = key.rank(ascending=False, method="min", na_option="keep").astype("Int64")
    tied = rank.notna() & rank.duplicated(keep=False)
    return rank, tied
