"""Small line charts drawn on the server as SVG: one figure over time, with axes, dated ticks,
labelled values, a <title> and <desc> for screen readers, and a viewBox so that the chart scales
to the width of its box (100%) on a phone as on a screen or on paper.

A missing value (None) breaks the line: the points on each side stay, unjoined. A lone value
is a point with no line. Texts arrive formatted by the caller's functions (language, units).
"""

import math
from collections.abc import Callable
from datetime import datetime

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 300, 170
LEFT, RIGHT, TOP, BOTTOM = 56, 14, 18, 30
# Values written beside the line are at least this far apart (viewBox units), the latest first.
LABEL_SPACING = 48


def nice_ticks(low: float, high: float, wanted: int = 4, floor: float | None = None) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2 or 5 times a power of ten, none
    below ``floor`` (a figure that cannot be negative gets no negative tick)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError("ticks of finite values only")
    if high < low:
        low, high = high, low
    # Equal up to floating-point noise (a figure recomputed from unchanged inputs differs in its
    # last digits): one value, padded, or the ticks would collapse onto it after rounding.
    if high - low <= 1e-9 * max(abs(high), abs(low), 1.0):
        pad = abs(high) * 0.1 or 1.0
        low, high = low - pad, high + pad
    if floor is not None:
        low = max(low, floor)
    raw = (high - low) / max(wanted - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    ticks = [math.floor(low / step) * step]
    if floor is not None and ticks[0] < floor:
        ticks[0] = floor
    while ticks[-1] < high - step * 1e-9 or len(ticks) < 2:
        ticks.append(ticks[0] + len(ticks) * step)
    return [round(t, 12) for t in ticks]


def _x_positions(times: list[float]) -> list[float]:
    span = max(times) - min(times)
    if span <= 0:
        return [LEFT + (WIDTH - LEFT - RIGHT) / 2] * len(times)
    return [LEFT + (t - min(times)) / span * (WIDTH - LEFT - RIGHT) for t in times]


def _runs(points: list[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    """The stretches of consecutive known values: each is drawn as one line."""
    runs, current = [], []
    for x, y in points:
        if y is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((x, y))
    if current:
        runs.append(current)
    return runs


def _date_ticks(xs: list[float], wanted: int = 3) -> list[int]:
    """Positions of the points whose dates label the x axis: the latest, the first, and evenly
    spaced ones between, each at least ``LABEL_SPACING`` from the others so none overlap."""
    if not xs:
        return []
    chosen = [len(xs) - 1]
    targets = [xs[0] + (xs[-1] - xs[0]) * k / (wanted - 1) for k in range(wanted - 1)]
    for target in targets:
        best = min(range(len(xs)), key=lambda i, target=target: abs(xs[i] - target))
        if all(abs(xs[best] - xs[c]) >= LABEL_SPACING for c in chosen):
            chosen.append(best)
    return sorted(chosen)


def line_chart(
    points: list[tuple[datetime, float | None]],
    *,
    chart_id: str,
    title: str,
    desc: str,
    value_text: Callable[[float], str],
    tick_text: Callable[[float, float], str],
    date_text: Callable[[datetime, float], str],
    empty_text: str,
    floor: float | None = None,
) -> SafeString:
    """An SVG line chart of (time, value) points, oldest first.

    ``value_text(v)`` writes a value beside its point, ``tick_text(v, step)`` a y-axis tick,
    ``date_text(when, span_s)`` an x-axis date (``span_s``: the seconds the chart covers, to
    choose between days and hours); ``empty_text`` is shown when no value is known; the y axis
    goes no lower than ``floor``.
    ``chart_id`` makes the ids of the title and description, unique in the page."""
    uid = escape(chart_id)
    times = [when.timestamp() for when, _value in points]
    xs = _x_positions(times) if times else []
    known = [v for _when, v in points if _is_value(v)]
    parts = [
        f'<svg class="kpi-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" role="img" '
        f'aria-labelledby="chart-{uid}-title chart-{uid}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="chart-{uid}-title">{escape(title)}</title>',
        f'<desc id="chart-{uid}-desc">{escape(desc)}</desc>',
    ]
    if known:
        ticks = nice_ticks(min(known), max(known), floor=floor)
        low, high = ticks[0], ticks[-1]

        def y_of(v: float) -> float:
            return HEIGHT - BOTTOM - (v - low) / (high - low) * (HEIGHT - BOTTOM - TOP)

        parts += _y_axis(ticks, y_of, tick_text)
        values = [
            (x, y_of(v) if _is_value(v) else None) for x, (_w, v) in zip(xs, points, strict=True)
        ]
        parts += _series(values, [v for _w, v in points], value_text)
    else:
        parts.append(
            f'<text class="empty" x="{(LEFT + WIDTH - RIGHT) / 2}" y="{(TOP + HEIGHT - BOTTOM) / 2}" '
            f'text-anchor="middle">{escape(empty_text)}</text>'
        )
    parts += _x_axis(xs, points, date_text)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text in it went through escape()


def _is_value(v) -> bool:
    return v is not None and math.isfinite(v)


def _y_axis(ticks: list[float], y_of, tick_text) -> list[str]:
    step = ticks[1] - ticks[0]
    parts = []
    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick y" x="{LEFT - 4}" y="{y + 3:.1f}" text-anchor="end">'
            f"{escape(tick_text(tick, step))}</text>"
        )
    return parts


def _series(values: list[tuple[float, float | None]], raw: list, value_text) -> list[str]:
    """The lines between consecutive known values, a dot at each, and the values written."""
    parts = []
    for run in _runs(values):
        if len(run) > 1:
            path = " ".join(
                f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(run)
            )
            parts.append(f'<path class="line" d="{path}"/>')
    labelled = _labelled(values)
    for i, (x, y) in enumerate(values):
        if y is None:
            continue
        parts.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3"/>')
        if i in labelled:
            label_y = y - 7 if y - 7 > TOP else y + 14
            parts.append(
                f'<text class="value" x="{x:.1f}" y="{label_y:.1f}" text-anchor="{_anchor(x)}">'
                f"{escape(value_text(raw[i]))}</text>"
            )
    return parts


def _x_axis(xs: list[float], points, date_text) -> list[str]:
    bottom = HEIGHT - BOTTOM
    parts = [
        f'<line class="axis" x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{bottom}"/>'
        f'<line class="axis" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{bottom}" y2="{bottom}"/>'
    ]
    span_s = (points[-1][0] - points[0][0]).total_seconds() if points else 0.0
    for i in _date_ticks(xs):
        x = xs[i]
        parts.append(
            f'<line class="axis" x1="{x:.1f}" x2="{x:.1f}" y1="{bottom}" y2="{bottom + 4}"/>'
            f'<text class="tick x" x="{x:.1f}" y="{bottom + 16}" text-anchor="{_anchor(x)}">'
            f"{escape(date_text(points[i][0], span_s))}</text>"
        )
    return parts


def _anchor(x: float) -> str:
    """Texts near an edge of the plot run inwards, so that none is cut by the viewBox."""
    if x < LEFT + 30:
        return "start"
    if x > WIDTH - RIGHT - 30:
        return "end"
    return "middle"


def _labelled(values: list[tuple[float, float | None]]) -> set[int]:
    """Which points get their value written: the latest known, then, going back, each known
    point far enough from the last one written to be read apart."""
    chosen, last_x = set(), None
    for i in range(len(values) - 1, -1, -1):
        x, y = values[i]
        if y is None:
            continue
        if last_x is None or last_x - x >= LABEL_SPACING:
            chosen.add(i)
            last_x = x
    return chosen
