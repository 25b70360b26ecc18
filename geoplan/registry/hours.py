"""Opening hours: weekly schedule rows and closures <-> the OpenStreetMap `opening_hours` string.

The schedule rows (HSDS-shaped: weekday, opens_at, closes_at, valid_from, valid_to) are what
partners edit; the derived OSM string is what opening-hours-py evaluates, with Italy's public
holidays, in Turin's time zone. Rules are written general first, then seasons, then closures,
then public holidays, because in OSM syntax a later rule overrides an earlier one on its days.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _

TIME_ZONE = ZoneInfo("Europe/Rome")
COUNTRY = "IT"
# How far ahead a change of state is looked for: past it, a service is "closed until further
# notice" (or open around the clock). It also bounds the evaluator's search, which is what keeps
# evaluating a string cheap.
LOOKAHEAD_DAYS = 366
DAY_CODES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")  # weekday 1..7
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class HoursError(ValueError):
    """Hours that cannot be stored: the message says which part and why."""


@dataclass(frozen=True)
class Interval:
    weekday: int  # 1 = Monday ... 7 = Sunday
    opens_at: time
    closes_at: time  # earlier than opens_at: the interval runs past midnight
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class ClosedDays:
    starts_on: date
    ends_on: date
    note: str = ""


def _hhmm(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def _osm_date(d: date) -> str:
    return f"{d.year} {_MONTHS[d.month - 1]} {d.day:02d}"


def _day_selector(days: list[int]) -> str:
    """1,2,3,5 -> "Mo-We,Fr" (runs of three or more days become ranges)."""
    parts, run = [], []
    for day in sorted(days) + [None]:
        if run and (day is None or day != run[-1] + 1):
            if len(run) >= 3:
                parts.append(f"{DAY_CODES[run[0] - 1]}-{DAY_CODES[run[-1] - 1]}")
            else:
                parts.extend(DAY_CODES[d - 1] for d in run)
            run = []
        if day is not None:
            run.append(day)
    return ",".join(parts)


def check_intervals(intervals: list[Interval]) -> None:
    """Raise HoursError for an empty interval, a season out of order or overlapping ranges."""
    by_key: dict[tuple, list[Interval]] = {}
    for iv in intervals:
        day = str(WEEKDAYS[iv.weekday - 1])  # translated names: Monday is 0 there
        if iv.opens_at == iv.closes_at:
            raise HoursError(
                _("%(day)s %(range)s: opening and closing times are the same")
                % {"day": day, "range": f"{_hhmm(iv.opens_at)}-{_hhmm(iv.closes_at)}"}
            )
        if iv.valid_from and iv.valid_to and iv.valid_from > iv.valid_to:
            raise HoursError(
                _("%(day)s: the season ends (%(end)s) before it starts")
                % {"day": day, "end": iv.valid_to}
            )
        by_key.setdefault((iv.weekday, iv.valid_from, iv.valid_to), []).append(iv)
    for group in by_key.values():
        spans = sorted(
            (iv.opens_at, iv.closes_at if iv.closes_at > iv.opens_at else time.max) for iv in group
        )
        for (start_a, end_a), (start_b, _end_b) in zip(spans, spans[1:], strict=False):
            if start_b < end_a:
                day = str(WEEKDAYS[group[0].weekday - 1])
                raise HoursError(
                    _("%(day)s: the ranges starting %(a)s and %(b)s overlap")
                    % {"day": day, "a": _hhmm(start_a), "b": _hhmm(start_b)}
                )


def to_osm(
    intervals: list[Interval],
    closures: list[ClosedDays] = (),
    closed_on_public_holidays: bool = False,
) -> str:
    """The OSM opening_hours string for these rows; empty when there are no weekly hours."""
    if not intervals:
        return ""
    check_intervals(intervals)
    seasons: dict[tuple, dict[int, list[Interval]]] = {}
    for iv in intervals:
        seasons.setdefault((iv.valid_from, iv.valid_to), {}).setdefault(iv.weekday, []).append(iv)
    rules = []
    # General hours first (no season), then each season in date order.
    for season in sorted(seasons, key=lambda s: (s != (None, None), s[0] or date.min)):
        days = seasons[season]
        by_times: dict[str, list[int]] = {}
        for weekday, ivs in days.items():
            spans = ",".join(
                f"{_hhmm(iv.opens_at)}-{_hhmm(iv.closes_at)}"
                for iv in sorted(ivs, key=lambda x: x.opens_at)
            )
            by_times.setdefault(spans, []).append(weekday)
        prefix = ""
        start, end = season
        if start or end:
            # An open-ended season runs from or to a date far enough to cover any service.
            prefix = (
                f"{_osm_date(start or date(2000, 1, 1))}-{_osm_date(end or date(2099, 12, 31))} "
            )
            # Outside its season the season's days fall back to the general rules above.
        for spans, weekdays in sorted(by_times.items(), key=lambda item: min(item[1])):
            rules.append(f"{prefix}{_day_selector(weekdays)} {spans}")
    for closure in sorted(closures, key=lambda c: c.starts_on):
        if closure.starts_on > closure.ends_on:
            raise HoursError(
                _("the closure ending %(end)s starts after it ends") % {"end": closure.ends_on}
            )
        if closure.starts_on == closure.ends_on:
            rules.append(f"{_osm_date(closure.starts_on)} off")
        else:
            rules.append(f"{_osm_date(closure.starts_on)}-{_osm_date(closure.ends_on)} off")
    if closed_on_public_holidays:
        rules.append("PH off")
    text = "; ".join(rules)
    parse(text)  # never store a string the evaluator would refuse
    return text


def parse(text: str, **options) -> opening_hours.OpeningHours:
    """The evaluator for an OSM string, in Turin's time zone with Italy's public holidays."""
    try:
        return opening_hours.OpeningHours(text, timezone=TIME_ZONE, country=COUNTRY, **options)
    except (SyntaxError, opening_hours.ParserError) as exc:
        # The parser's own report points at a column in a grammar's terms: a person needs the
        # expected form instead.
        raise HoursError(
            _(
                "“%(text)s” is not valid opening hours: write days as Mo, Tu, We, Th, Fr, Sa, Su "
                "and times as 09:00-13:00 (hours 00 to 24), e.g. “Mo-Fr 09:00-13:00,14:00-18:00”"
            )
            % {"text": text}
        ) from exc


_DAY = "|".join(DAY_CODES)
_DAYS_RE = re.compile(rf"^(?:{_DAY})(?:-(?:{_DAY}))?(?:,(?:{_DAY})(?:-(?:{_DAY}))?)*$")
_SPAN_RE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")


def parse_weekly(text: str) -> tuple[list[Interval], bool]:
    """Weekly rows from a plain OSM string ("Mo-Fr 09:00-13:00,14:00-18:00; Sa 09:00-12:00;
    PH off"): the intervals and whether public holidays are closed.

    Only this weekly form can be turned back into schedule rows; seasons and closures are given
    in the portal's table (or the API's ``hours`` object) instead.
    """
    text = (text or "").strip()
    if not text:
        return [], False
    parse(text)
    intervals, holidays_off = [], False
    for rule in (r.strip() for r in text.split(";")):
        if not rule:
            continue
        if rule in {"PH off", "PH closed"}:
            holidays_off = True
            continue
        selector, _sep, spans = rule.partition(" ")
        if not _DAYS_RE.match(selector) or not spans.strip():
            raise HoursError(
                _(
                    "“%(rule)s”: only weekly hours such as “Mo-Fr 09:00-13:00,14:00-18:00” can be "
                    "read here; give seasons and closures in the opening-hours table"
                )
                % {"rule": rule}
            )
        days: list[int] = []
        for part in selector.split(","):
            first, _dash, last = part.partition("-")
            a = DAY_CODES.index(first) + 1
            b = DAY_CODES.index(last) + 1 if last else a
            days.extend(range(a, b + 1) if a <= b else [*range(a, 8), *range(1, b + 1)])
        # As in OpenStreetMap: a later rule naming a day replaces that day's earlier hours
        # ("Mo-Fr 09:00-13:00; We 14:00-17:00" opens Wednesday in the afternoon only).
        named = set(days)
        intervals = [iv for iv in intervals if iv.weekday not in named]
        for span in spans.replace(" ", "").split(","):
            m = _SPAN_RE.match(span)
            if not m:
                raise HoursError(
                    _("“%(span)s” is not a time range like 09:00-13:00") % {"span": span}
                )
            h1, m1, h2, m2 = (int(g) for g in m.groups())
            if h2 == 24 and m2 == 0:
                h2, m2 = 0, 0  # "-24:00" is midnight
            if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
                raise HoursError(_("“%(span)s”: hours run from 00:00 to 24:00") % {"span": span})
            intervals.extend(Interval(d, time(h1, m1), time(h2, m2)) for d in days)
    check_intervals(intervals)
    return intervals, holidays_off


@dataclass(frozen=True)
class OpenState:
    """Whether a service is open at a moment and when that changes (None: not within a year)."""

    is_open: bool
    next_change: datetime | None


@lru_cache(maxsize=4096)
def evaluator(text: str) -> opening_hours.OpeningHours:
    """The evaluator for an OSM string, parsed once per string and kept: many services share a
    few strings, and parsing costs more than evaluating. Raises HoursError like parse().

    Changes of state further than LOOKAHEAD_DAYS ahead are not looked for (next_change None).
    """
    return parse(text, max_interval_days=LOOKAHEAD_DAYS)


def in_turin(at: datetime) -> datetime:
    """``at`` in Turin's time zone; a naive datetime is taken as Turin's time already.

    A naive time that does not exist in Turin (02:30 on the night clocks go forward) is moved
    to the instant it names with the winter offset (03:30 summer time), which opening-hours-py
    can evaluate."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=TIME_ZONE).astimezone(UTC)
    return at.astimezone(TIME_ZONE)


def state_at(text: str, at: datetime) -> OpenState:
    """Open or closed at ``at`` for an OSM string; ``at`` without a zone is Turin's time."""
    at = in_turin(at)
    found = evaluator(text)
    return OpenState(is_open=found.is_open(at), next_change=found.next_change(at))


def service_intervals(service) -> list[Interval]:
    return [
        Interval(r.weekday, r.opens_at, r.closes_at, r.valid_from, r.valid_to)
        for r in service.schedules.all()
    ]


def service_closures(service) -> list[ClosedDays]:
    return [ClosedDays(c.starts_on, c.ends_on, c.note) for c in service.closures.all()]


def derive_opening_hours(service) -> str:
    """The OSM string for a saved service's rows and closures."""
    return to_osm(
        service_intervals(service), service_closures(service), service.closed_on_public_holidays
    )
