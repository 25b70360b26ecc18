"""Published opening-hours text -> weekly schedule rows, only where the text is unambiguous.

Sources publish hours as free text ("Mon-Sat 9:30-13:00 and 14:00-16:00"). This module reads a
small, strict grammar and refuses everything else with the reason, so that no schedule is ever
guessed: a service whose text is refused keeps only its text and is shown as "hours as
published", never as open or closed.

The grammar (case, spaces and en dashes do not matter)::

    text      := days ranges [exception]
    days      := "every day" | "ogni giorno" | "tutti i giorni" | span ("," | "and" | "e") span ...
    span      := day ["-" day]                    a range may wrap: Fri-Mon is Fri, Sat, Sun, Mon
    day       := Mon .. Sun, Monday .. Sunday, lun .. dom, lunedì .. domenica
    ranges    := range ("," | "and" | "e") range ...
    range     := time "-" time                    an end earlier than the start runs past midnight
    time      := H | H:MM | H.MM                  0-23 (24 or 24:00 only as an end: midnight)
    exception := "(" day "morning only" ")" | "(" day "afternoon only" ")"

The exception keeps, on its day, only the ranges that start before noon ("morning") or only
those that start at noon or later ("afternoon"). It is read only when every range of the text
falls clearly on one side: a range starting before noon must end by 14:00, and the day keeps
some ranges and loses others; otherwise "morning" would be a guess.

Refused, with the reason: "weekdays" (feriali are Monday to Saturday in Italian usage, Monday to
Friday in English: either reading is a guess), a start time without an end ("Saturday 13:30",
"dinner from 19:00"), days without times ("Mon-Fri"), times without days ("20:00-07:00"),
seasons and months without dates ("winter", "from November to April", "closed in August": the
rows' seasons are dated, and the source gives no years) and anything else.

What the shipped files (fixtures/services/*.csv) give, as tested in
tests/registry/test_hours_text_of_the_shipped_files.py:

converted (3 of the 38 rows with a text; the other 24 rows have none)
    "Mon-Sat 9:30-13:00 and 14:00-16:00"  -> "Mo-Sa 09:30-13:00,14:00-16:00"
        (Servizio adulti in difficoltà - punto unico di accesso)
    "Mon-Fri 9-13 and 14-18 (Friday morning only)"
                                          -> "Mo-Th 09:00-13:00,14:00-18:00; Fr 09:00-13:00"
        (Centro Lavoro Torino (CLT))
    "Tue-Sat 17:00-18:30"                 -> "Tu-Sa 17:00-18:30"   (MangiAsti - mensa popolare)
not converted (35 rows)
    "weekdays 10:30-12:30 (no evening service)",
    "summer (August), weekdays; Friday bag for the weekend"
                                                   "weekdays" is ambiguous
    "Saturday 13:30", "Saturday 14:00", "Saturday 14:30", "Saturday 15:00", "Saturday 17:30" (2),
    "Saturday 18:00", "Saturday 19:00" (2), "dinner from 19:00",
    "every morning from 7:30 (breakfast)", "lunch every day except Sunday, entry 11:15"
                                                   a start time without an end
    "winter" (3), "winter 2019-20" (4), "winter 2017-18", "from 18:00 every day in winter",
    "every day 15:30-18:30 (winter)", "19:00-08:00 from November to April",
    "20:00-07:00 (closed in August)"               a season or month without dates
    "Mon-Fri", "Mon-Fri (days vary by desk)"       days without times
    "all year" (7)                                 neither days nor times

Public holidays: no shipped text says whether the service closes on them, so converted services
keep closed_on_public_holidays as it is (False for a new service): the text is read as written.
"""

from __future__ import annotations

import re
from datetime import time
from typing import NamedTuple

from django.utils.translation import gettext as _

from .hours import HoursError, Interval, check_intervals

# Every accepted spelling of each weekday (1 = Monday), English and Italian.
_DAY_NAMES = {
    1: ("monday", "mon", "lunedì", "lunedi", "lun"),
    2: ("tuesday", "tue", "martedì", "martedi", "mar"),
    3: ("wednesday", "wed", "mercoledì", "mercoledi", "mer"),
    4: ("thursday", "thu", "giovedì", "giovedi", "gio"),
    5: ("friday", "fri", "venerdì", "venerdi", "ven"),
    6: ("saturday", "sat", "sabato", "sab"),
    7: ("sunday", "sun", "domenica", "dom"),
}
_DAY_NUMBER = {name: day for day, names in _DAY_NAMES.items() for name in names}
# Longest first, so that "mon" does not stop the match of "monday".
_DAY = "(?:" + "|".join(sorted(map(re.escape, _DAY_NUMBER), key=len, reverse=True)) + r")\b"
_EVERY_DAY = r"(?:every day|ogni giorno|tutti i giorni)"
_SPAN = rf"{_DAY}(?:\s*-\s*{_DAY})?"
_JOIN = r"(?:\s*,\s*|\s+(?:and|e)\s+)"
_DAYS = rf"(?:{_EVERY_DAY}|{_SPAN}(?:{_JOIN}{_SPAN})*)"
_TIME = r"\d{1,2}(?::\d{2})?"
_RANGE = rf"{_TIME}\s*-\s*{_TIME}"
_RANGES = rf"{_RANGE}(?:{_JOIN}{_RANGE})*"
_EXCEPTION = rf"\(\s*(?P<exc_day>{_DAY})\s+(?P<part>morning|afternoon)\s+only\s*\)"
_TEXT_RE = re.compile(rf"^(?P<days>{_DAYS})\s+(?P<ranges>{_RANGES})(?:\s*{_EXCEPTION})?$")

_SPAN_RE = re.compile(rf"(?P<first>{_DAY})(?:\s*-\s*(?P<last>{_DAY}))?")
_RANGE_RE = re.compile(
    r"(?P<h1>\d{1,2})(?::(?P<m1>\d{2}))?\s*-\s*(?P<h2>\d{1,2})(?::(?P<m2>\d{2}))?"
)
_ANY_DAY_RE = re.compile(rf"\b(?:{_EVERY_DAY}|{_DAY}|daily)")
_ANY_TIME_RE = re.compile(r"\b\d{1,2}(?::\d{2})\b|\b\d{1,2}\s*-\s*\d{1,2}\b")
_AMBIGUOUS_DAYS_RE = re.compile(
    r"\b(?:weekdays?|week days?|working days?|workdays?|feriali|giorni feriali|lavorativi)\b"
)
_PERIOD_RE = re.compile(
    r"\b(?:winter|summer|spring|autumn|fall|inverno|estate|primavera|autunno|invernale|estiva|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|"
    r"dicembre)\b"
)
_NOON = time(12)
_MORNING_ENDS_BY = time(14)


class HoursReading(NamedTuple):
    """The weekly rows a text means, or None with the reason it is not read."""

    intervals: list[Interval] | None
    reason: str = ""


def _normalise(text: str) -> str:
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace(".", ":")
    return " ".join(text.lower().split())


def _refused(reason: str) -> HoursReading:
    return HoursReading(None, reason)


def _days(spec: str) -> list[int]:
    if re.fullmatch(_EVERY_DAY, spec):
        return list(range(1, 8))
    days: list[int] = []
    for m in _SPAN_RE.finditer(spec):
        first = _DAY_NUMBER[m["first"]]
        last = _DAY_NUMBER[m["last"]] if m["last"] else first
        span = range(first, last + 1) if first <= last else [*range(first, 8), *range(1, last + 1)]
        days.extend(d for d in span if d not in days)
    return sorted(days)


def _time(hours: str, minutes: str | None, *, is_end: bool) -> time | None:
    h, m = int(hours), int(minutes or 0)
    if is_end and h == 24 and m == 0:
        return time(0)  # "-24" is midnight
    if h > 23 or m > 59:
        return None
    return time(h, m)


def _why_not(text: str) -> str:
    """The reason a text outside the grammar is refused, the most telling first."""
    if _AMBIGUOUS_DAYS_RE.search(text):
        return _(
            "“weekdays” is ambiguous: Monday to Friday in English usage, Monday to Saturday "
            "(feriali) in Italian"
        )
    if _PERIOD_RE.search(text):
        return _("a season or month without dates: the schedule's seasons need their dates")
    if not re.search(_RANGE, text) and re.search(r"\b\d{1,2}(?::\d{2})?\b", text):
        return _("a start time without an end")
    has_days, has_times = bool(_ANY_DAY_RE.search(text)), bool(_ANY_TIME_RE.search(text))
    if has_days and not has_times:
        return _("days without times")
    if has_times and not has_days:
        return _("times without days")
    if not has_days and not has_times:
        return _("neither days nor times")
    return _("not in the accepted form: days then time ranges, e.g. “Mon-Fri 9:00-13:00 and 14-18”")


def read_hours_text(text: str) -> HoursReading:
    """The weekly intervals ``text`` states (no seasons), or None and the reason it is refused.

    Times are Turin's local times; weekday 1 is Monday.
    """
    text = _normalise(text or "")
    if not text:
        return _refused(_("no hours given"))
    m = _TEXT_RE.match(text)
    if m is None:
        return _refused(_why_not(text))
    days = _days(m["days"])
    spans: list[tuple[time, time]] = []
    for r in _RANGE_RE.finditer(m["ranges"]):
        opens = _time(r["h1"], r["m1"], is_end=False)
        closes = _time(r["h2"], r["m2"], is_end=True)
        if opens is None or closes is None:
            return _refused(_("“%(range)s” is not a time of day") % {"range": r[0]})
        spans.append((opens, closes))
    by_day = {day: list(spans) for day in days}
    if m["exc_day"]:
        day = _DAY_NUMBER[m["exc_day"]]
        if day not in by_day:
            return _refused(
                _("the exception names %(day)s, which is not among the days")
                % {"day": m["exc_day"]}
            )
        morning = [s for s in spans if s[0] < _NOON]
        later = [s for s in spans if s[0] >= _NOON]
        spans_midday = any(closes > _MORNING_ENDS_BY or closes < opens for opens, closes in morning)
        if spans_midday or not morning or not later:
            return _refused(
                _("“%(part)s only” does not split these ranges clearly into morning and afternoon")
                % {"part": m["part"]}
            )
        by_day[day] = morning if m["part"] == "morning" else later
    intervals = [
        Interval(day, opens, closes)
        for day, day_spans in sorted(by_day.items())
        for opens, closes in sorted(day_spans)
    ]
    try:
        check_intervals(intervals)
    except HoursError as exc:
        return _refused(str(exc))
    return HoursReading(intervals)
