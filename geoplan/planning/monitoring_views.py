"""Monitoring of the plan (/plan/monitoring/): per category, its headline figures over time from
the KPI snapshots, drawn as small server-side SVG charts with a table of the values; and every
snapshot as a CSV or XLSX file (/plan/monitoring.csv|xlsx). Planners only."""

import math
from dataclasses import dataclass

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from geoplan.access.models import PROFILE_SPEED_KMH, Profile

from .charts import line_chart
from .export_params import Refused, category_param, profile_param, refusal_response
from .monitoring import COLUMNS, FIGURES, CategorySeries, series_by_category, snapshot_rows
from .permissions import planner_required
from .table_files import csv_bytes, xlsx_bytes
from .tables import FLOAT, INT, SHARE, TEXT, Column, Table

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
COLUMN_KINDS = {
    "taken_at": TEXT,
    "run": INT,
    "profile": TEXT,
    "category": TEXT,
    "category_name": TEXT,
    "population": INT,
    "n_sites": INT,
    "share_within_15": SHARE,
}


def _number(value: float, decimals: int) -> str:
    # Rounded first: number_format cuts a float's digits (0.29 x 100 would read 28).
    return number_format(round(value, decimals), decimals, force_grouping=True)


@dataclass(frozen=True)
class Figure:
    """How one KPI is read: its label, the factor and decimals it is shown with, and whether a
    rise is progress."""

    key: str
    label: str
    scale: float
    decimals: int
    higher_is_better: bool

    def text(self, value) -> str:
        if value is None:
            return "–"
        shown = _number(value * self.scale, self.decimals)
        if self.key == "share_within_15":
            return _("%(value)s%%") % {"value": shown}
        if self.key == "mean_min":
            return _("%(value)s min") % {"value": shown}
        return shown

    def tick(self, value: float, step: float) -> str:
        """A y-axis tick: as many decimals as the step between ticks needs."""
        decimals = max(0, -math.floor(math.log10(step * self.scale) + 1e-9))
        return _number(value * self.scale, decimals)

    def change(self, delta: float, since: str) -> str:
        sign = "+" if delta > 0 else "−"
        shown = sign + _number(abs(delta), self.decimals)
        if self.key == "share_within_15":
            return _("%(delta)s points since %(date)s") % {"delta": shown, "date": since}
        if self.key == "mean_min":
            return _("%(delta)s min since %(date)s") % {"delta": shown, "date": since}
        return _("%(delta)s since %(date)s") % {"delta": shown, "date": since}


def figures() -> list[Figure]:
    labels = {
        "share_within_15": (gettext_lazy("Residents within 15 minutes' walk"), 100, 1, True),
        "need_weighted_unserved": (
            gettext_lazy("Need-weighted residents beyond 15 minutes"),
            1,
            0,
            False,
        ),
        "mean_min": (gettext_lazy("Mean walk to the nearest service"), 1, 1, False),
        "gini_nearest_min": (gettext_lazy("Inequality of walking times (Gini)"), 1, 3, False),
    }
    return [Figure(key, str(labels[key][0]), *labels[key][1:]) for key in FIGURES]


def day(when) -> str:
    return date_format(when, "j M Y")


def axis_date(when, span_s: float) -> str:
    """An x-axis date: hours within two days, days within most of a year, months beyond."""
    if span_s < 2 * 86400:
        return date_format(when, "H:i")
    if span_s < 330 * 86400:
        return date_format(when, "j M")
    return date_format(when, "M Y")


def summary(figure: Figure, series: CategorySeries) -> dict:
    """The latest value in words and its change since the first snapshot with a value."""
    latest = series.latest[figure.key]
    known = [r for r in series.rows if r[figure.key] is not None]
    if latest is None:
        no_site = series.latest["n_sites"] == 0
        return {
            "latest": _("no site yet") if no_site else _("not known"),
            "change": "",
            "trend": "",
        }
    if len(series.rows) == 1:
        change, trend = _("the first snapshot"), ""
    elif known[0] is series.latest:
        change, trend = _("no earlier value to compare with"), ""
    else:
        delta = (latest - known[0][figure.key]) * figure.scale
        if round(delta, figure.decimals) == 0:
            change, trend = _("no change since %(date)s") % {"date": day(known[0]["taken_at"])}, ""
        else:
            change = figure.change(delta, day(known[0]["taken_at"]))
            better = (delta > 0) == figure.higher_is_better
            trend = "better" if better else "worse"
    return {"latest": figure.text(latest), "change": change, "trend": trend}


def chart(figure: Figure, series: CategorySeries, profile_name: str):
    points = series.points(figure.key)
    known = [(w, v) for w, v in points if v is not None]
    title = _("%(figure)s: %(category)s, %(profile)s") % {
        "figure": figure.label,
        "category": series.name,
        "profile": profile_name,
    }
    if not known:
        desc = _("No value yet: the category has no site.")
    elif len(known) == 1:
        desc = _("One value, %(value)s on %(date)s.") % {
            "value": figure.text(known[0][1]),
            "date": day(known[0][0]),
        }
    else:
        desc = _("%(n)d snapshots: %(first)s on %(start)s, %(last)s on %(end)s.") % {
            "n": len(points),
            "first": figure.text(known[0][1]),
            "start": day(known[0][0]),
            "last": figure.text(known[-1][1]),
            "end": day(known[-1][0]),
        }
    return line_chart(
        points,
        chart_id=f"{series.code}-{figure.key}",
        title=title,
        desc=desc,
        value_text=figure.text,
        tick_text=figure.tick,
        date_text=axis_date,
        empty_text=_("no site yet"),
        floor=0.0,  # shares, residents, minutes and Gini are never negative
    )


def category_block(series: CategorySeries, profile_name: str) -> dict:
    shown = figures()
    return {
        "code": series.code,
        "name": series.name,
        "n_sites": series.latest["n_sites"],
        "figures": [
            {"label": f.label, "svg": chart(f, series, profile_name), **summary(f, series)}
            for f in shown
        ],
        "headers": [f.label for f in shown],
        "rows": [
            {
                "when": r["taken_at"],
                "run": r["run"],
                "n_sites": r["n_sites"],
                "values": [f.text(r[f.key]) for f in shown],
            }
            for r in series.rows
        ],
    }


@planner_required
def monitoring(request):
    try:
        profile = profile_param(request)
    except Refused as refused:
        return refusal_response(refused)
    profile_name = str(Profile(profile).label)
    blocks = [
        category_block(series, profile_name)
        for series in series_by_category(get_language() or "it", profile)
    ]
    return render(
        request,
        "planning/monitoring.html",
        {
            "profile": profile,
            "profiles": Profile.choices,
            "speed_kmh": PROFILE_SPEED_KMH[profile],
            "categories": blocks,
            "snapshots": sum(len(b["rows"]) for b in blocks),
        },
    )


@planner_required
def monitoring_export(request, fmt: str):
    if fmt not in EXPORT_TYPES:
        raise Http404(_("Monitoring exports are CSV or XLSX."))
    try:
        profile = profile_param(request) if request.GET.get("profile") else None
        category = category_param(request, required=False)
    except Refused as refused:
        return refusal_response(refused)
    from geoplan.api.kpi_views import KpiSnapshotSerializer

    # The API's rows exactly: the same keys, ISO dates and plain numbers.
    rows = KpiSnapshotSerializer(
        snapshot_rows(get_language() or "it", category.code if category else None, profile),
        many=True,
    ).data
    table = snapshot_table(rows)
    body = csv_bytes(table) if fmt == "csv" else xlsx_bytes(table)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    name = "-".join(
        [
            "kpi-snapshots",
            profile or "all-profiles",
            category.code if category else "all-categories",
        ]
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{name}-{timezone.localdate().isoformat()}.{fmt}"'
    )
    return response


def snapshot_table(rows) -> Table:
    """The snapshots as a table whose headers are the API's keys (see :data:`COLUMNS`)."""
    return Table(
        name=_("KPI snapshots"),
        columns=[Column(key, key, COLUMN_KINDS.get(key, FLOAT)) for key in COLUMNS],
        rows=list(rows),
    )
