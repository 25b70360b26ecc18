"""Inequality of access across residents: population-weighted Lorenz curve, Gini and Palma ratio.

Values are per-cell measures (minutes, opportunities, E2SFCA) and weights are cell populations, so each
resident counts once. Both indices treat the values as an amount held: for minutes "more" is worse, for
E2SFCA "more" is better; the indices themselves are symmetric about that, only their reading changes.
"""

from __future__ import annotations

import numpy as np


def _clean(values, weights) -> tuple[np.ndarray, np.ndarray]:
    x = np.asarray(values, dtype=float)
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    if x.shape != w.shape:
        raise ValueError("values and weights must have the same shape")
    if (w < 0).any():
        raise ValueError("weights must be non-negative")
    keep = w > 0
    return x[keep], w[keep]


def lorenz(values, weights=None) -> tuple[np.ndarray, np.ndarray]:
    """Lorenz curve points (population share, value share), both from 0 to 1, sorted by value."""
    x, w = _clean(values, weights)
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    p = np.r_[0.0, np.cumsum(w)] / w.sum()
    amount = np.r_[0.0, np.cumsum(w * x)]
    return p, amount / amount[-1]


def _undefined(x: np.ndarray) -> bool:
    # Infinite or negative amounts (e.g. minutes where a category has no site) make shares meaningless.
    return len(x) == 0 or not np.isfinite(x).all() or (x < 0).any() or x.sum() == 0


def gini(values, weights=None) -> float:
    """Population-weighted Gini index in [0, 1) (0 = everyone equal); NaN when undefined.

    Exact for weighted discrete data: equals sum_ij w_i w_j |x_i - x_j| / (2 W^2 mean).
    """
    x, w = _clean(values, weights)
    if _undefined(x):
        return float("nan")
    p, share = lorenz(x, w)
    return float(1.0 - np.sum(np.diff(p) * (share[1:] + share[:-1])))


def palma(values, weights=None) -> float:
    """Palma ratio: share of the total held by the top 10% of people over that of the bottom 40%.

    The Lorenz curve is interpolated linearly, i.e. a cell's residents may fall on both sides of a cut.
    ``inf`` when the bottom 40% hold nothing (common for E2SFCA of a sparse category); NaN when undefined.
    """
    x, w = _clean(values, weights)
    if _undefined(x):
        return float("nan")
    p, share = lorenz(x, w)
    bottom40 = np.interp(0.4, p, share)
    top10 = 1.0 - np.interp(0.9, p, share)
    return float(top10 / bottom40) if bottom40 > 0 else float("inf")
