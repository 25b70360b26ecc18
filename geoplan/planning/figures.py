"""Figures as the exported pages print them: localised numbers, signed changes, and the
city-wide changes of a scenario (its results' "city" rows)."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .tables import category_names


def n(value, digits=0) -> str:
    if value is None:
        return "–"
    # number_format cuts extra decimals off; the workspace rounds, and so must the print.
    return number_format(
        round(value, digits), decimal_pos=digits, use_l10n=True, force_grouping=True
    )


def signed(value, digits=0) -> str:
    if value is None:
        return "–"
    text = n(value, digits)
    return f"+{text}" if value > 0 and not text.startswith("+") else text


def city_summary(city: dict | None) -> list[dict]:
    """Before, after and change of the headline city measures of one category."""
    if not city:
        return []
    before, after, delta = city["before"], city["after"], city["delta"]
    lines = [
        ("residents_within_15", _("Residents within 15 min"), 0, 1),
        ("share_within_15", _("Share within 15 min (%)"), 1, 100),
        ("need_weighted_unserved", _("Need-weighted residents beyond 15 min"), 0, 1),
        ("mean_min", _("Mean walk (min)"), 1, 1),
        ("n_sites", _("Services counted"), 0, 1),
    ]

    def scaled(value, factor):
        return None if value is None else value * factor

    return [
        {
            "label": label,
            "before": n(scaled(before.get(key), factor), digits),
            "after": n(scaled(after.get(key), factor), digits),
            "delta": signed(scaled(delta.get(key), factor), digits),
        }
        for key, label, digits, factor in lines
    ]


def other_categories(results: dict, shown: str) -> list[dict]:
    """The other categories the scenario changes, with their two headline changes."""
    names = category_names()
    return [
        {
            "name": names.get(c["category"], c["category"]),
            "residents_within_15": signed((c.get("delta") or {}).get("residents_within_15")),
            "need_weighted_unserved": signed((c.get("delta") or {}).get("need_weighted_unserved")),
        }
        for c in results.get("city", [])
        if c["category"] != shown
    ]
