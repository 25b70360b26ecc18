"""Colour classes of the exported maps (print layout and map report), with their legend labels.

The gap (need-weighted residents beyond 15 min) gets a sequential scale: a class of its own for
zero, then four classes on the quartiles of the other zones, rounded to readable numbers. A
scenario's change in the gap gets a diverging scale centred on "no change": fewer unserved
residents in blues, more in reds.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

SEQUENTIAL = ("#fff7ec", "#fdd49e", "#fc8d59", "#d7301f", "#7f0000")
DIVERGING = ("#2166ac", "#92c5de", "#f7f7f7", "#f4a582", "#b2182b")
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
    """Classes of a change: fewer (negative) in blues, no change in white, more in reds."""
    changes = [abs(v) for v in values if v is not None and abs(v) >= NO_CHANGE]
    step = nice(max(changes) / 2) if changes else 1
    return [
        Class(-math.inf, -step, DIVERGING[0], _("%(n)s or more fewer") % {"n": _n(step)}),
        Class(-step, -NO_CHANGE, DIVERGING[1], _("up to %(n)s fewer") % {"n": _n(step)}),
        Class(-NO_CHANGE, NO_CHANGE - 1e-9, DIVERGING[2], _("no change")),
        Class(NO_CHANGE - 1e-9, step, DIVERGING[3], _("up to %(n)s more") % {"n": _n(step)}),
        Class(step, math.inf, DIVERGING[4], _("more than %(n)s more") % {"n": _n(step)}),
    ]


def colour(value, classes: list[Class]) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    for c in classes:
        if value <= c.high and (value > c.low or c is classes[0]):
            return c.colour
    return classes[-1].colour
