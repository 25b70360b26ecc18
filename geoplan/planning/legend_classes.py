"""Colour classes of the exported maps (print layout and map report), with their legend labels.

The gap (need-weighted residents beyond 15 min) gets a sequential scale: a class of its own for
zero, then four classes on the quartiles of the other zones, rounded to readable numbers. A
scenario's change in the gap gets a diverging scale centred on "no change": fewer unserved
residents in blues, more in reds, in seven classes that are those of the workspace's delta layer
and the comparison page (static/js/plan/delta-classes.js: the same step, bounds and colours), so
that a colour means the same change on every page and in every document.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

SEQUENTIAL = ("#fff7ec", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000")
# ColorBrewer RdBu (7), reversed: fewer unserved (better) in blue.
DIVERGING = ("#2166ac", "#67a9cf", "#d1e5f0", "#f7f7f7", "#fddbc7", "#ef8a62", "#b2182b")
NO_DATA = "#cccccc"
# A change smaller than half a person is no change.
NO_CHANGE = 0.5


@dataclass(frozen=True)
class Class:
    low: float  # exclusive, except for the first class
    high: float  # inclusive
    colour: str
    label: str


def nice(value: float) -> float:
    """value rounded up to one or two significant digits (1, 2, 2.5, 5 times a power of ten)."""
    if value <= 0:
        return 0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def _n(value) -> str:
    return number_format(value, decimal_pos=0, use_l10n=True, force_grouping=True)


def delta_step(max_abs: float) -> float:
    """The width of the diverging classes: a third of the largest change, rounded up to 1, 2 or 5
    times a power of ten, and never under one person (a narrower class would hold changes that
    all round to the same whole number)."""
    raw = max_abs / 3 if math.isfinite(max_abs) else 0.0
    if not raw > 1:
        return 1
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _below(x: float) -> float:
    """The largest float under x: a class's inclusive top that leaves x to the next class."""
    return math.nextafter(x, -math.inf)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def sequential(values) -> list[Class]:
    """Classes of a measure that is zero or more."""
    positive = [v for v in values if v is not None and v > 0]
    classes = [Class(-math.inf, 0, SEQUENTIAL[0], _("none"))]
    if not positive:
        return classes
    breaks = []
    for q in (0.25, 0.5, 0.75):
        b = nice(_quantile(positive, q))
        if not breaks or b > breaks[-1]:
            breaks.append(b)
    top = max(positive)
    breaks = [b for b in breaks if b < top] + [math.inf]
    low = 0
    for i, high in enumerate(breaks):
        colour = SEQUENTIAL[min(i + 1 + (4 - len(breaks)), 4)]
        if math.isinf(high):
            label = _("more than %(low)s") % {"low": _n(low)} if low else _("more than 0")
        else:
            label = _("%(low)s to %(high)s") % {"low": _n(low), "high": _n(high)}
        classes.append(Class(low, high, colour, label))
        low = high
    return classes


def diverging(values) -> list[Class]:
    """Classes of a change, by its size |v| with s = :func:`delta_step` of the largest: under ½
    no change (white); from ½ to under s, from s to under 2s, and 2s or more: fewer (negative)
    in blues, more in reds."""
    sizes = [abs(v) for v in values if v is not None and not math.isnan(v)]
    s = delta_step(max(sizes, default=0.0))
    near, far = {"n": _n(s)}, {"n": _n(2 * s)}
    between = {"low": _n(s), "high": _n(2 * s)}
    return [
        Class(-math.inf, -2 * s, DIVERGING[0], _("at least %(n)s fewer") % far),
        Class(-2 * s, -s, DIVERGING[1], _("%(low)s to %(high)s fewer") % between),
        Class(-s, -NO_CHANGE, DIVERGING[2], _("up to %(n)s fewer") % near),
        Class(-NO_CHANGE, _below(NO_CHANGE), DIVERGING[3], _("no change")),
        Class(_below(NO_CHANGE), _below(s), DIVERGING[4], _("up to %(n)s more") % near),
        Class(_below(s), _below(2 * s), DIVERGING[5], _("%(low)s to %(high)s more") % between),
        Class(_below(2 * s), math.inf, DIVERGING[6], _("at least %(n)s more") % far),
    ]


def colour(value, classes: list[Class]) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    for c in classes:
        if value <= c.high and (value > c.low or c is classes[0]):
            return c.colour
    return classes[-1].colour
