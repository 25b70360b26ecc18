"""Need profiles: which indicators, with which weights, make each category's need index.

A category without a profile gets the default one (every indicator marked "in the default need
profile", weight 1), saved so that staff can then edit it in the admin.
"""

import pandas as pd

from geoplan.analysis.need import Indicator as NeedIndicator
from geoplan.registry.models import ServiceCategory
from geoplan.territory.models import Indicator, IndicatorValue

from .models import NeedProfile, NeedWeight


def ensure_profiles() -> None:
    """Give every category without a need profile the default one (idempotent)."""
    defaults = list(
        Indicator.objects.filter(in_default_need=True).exclude(higher_means_more_need=None)
    )
    # bulk_create sends no change signal: a default profile made while gathering a run's inputs
    # is part of that run, not a change asking for another one.
    missing = ServiceCategory.objects.filter(need_profile__isnull=True)
    profiles = NeedProfile.objects.bulk_create(NeedProfile(category=c) for c in missing)
    NeedWeight.objects.bulk_create(
        NeedWeight(profile=p, indicator=i, weight=1.0) for p in profiles for i in defaults
    )


def profile_weights() -> dict[str, dict[str, float]]:
    """{category code: {indicator code: weight}} of every need profile (zero weights left out)."""
    out: dict[str, dict[str, float]] = {}
    for w in NeedWeight.objects.select_related("profile__category", "indicator").order_by(
        "profile__category__code", "indicator__code"
    ):
        if w.weight > 0 and w.indicator.higher_means_more_need is not None:
            out.setdefault(w.profile.category.code, {})[w.indicator.code] = w.weight
    return out


def latest_values(codes) -> pd.DataFrame:
    """Indicator values per zone (rows) and indicator (columns): each indicator's latest dated year,
    an undated value only where no dated one exists."""
    values = IndicatorValue.objects.filter(indicator__code__in=codes).values_list(
        "zone__code", "indicator__code", "year", "value"
    )
    frame = pd.DataFrame(list(values), columns=["zone_code", "indicator", "year", "value"])
    if frame.empty:
        return pd.DataFrame(index=pd.Index([], name="zone_code"))
    # Undated values sort first, so any dated year wins over them.
    frame = frame.assign(order=frame["year"].fillna(-1)).sort_values("order", kind="stable")
    return frame.groupby(["zone_code", "indicator"])["value"].last().unstack()


def need_inputs() -> tuple[pd.DataFrame | None, dict[str, list[NeedIndicator]], dict]:
    """(indicator table, need specs per category, weights per category) for a run."""
    ensure_profiles()
    weights = profile_weights()
    codes = sorted({c for w in weights.values() for c in w})
    if not codes:
        return None, {}, weights
    table = latest_values(codes)
    direction = dict(
        Indicator.objects.filter(code__in=codes).values_list("code", "higher_means_more_need")
    )
    specs = {
        cat: [
            NeedIndicator(code, bool(direction[code]), weight)
            for code, weight in w.items()
            if code in table.columns
        ]
        for cat, w in weights.items()
    }
    return table, specs, weights
