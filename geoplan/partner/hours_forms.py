"""The opening hours of the service form: timetables (one per season) of days, each with any
number of time ranges, and the closures list.

Field names: "<prefix>-h<table>-<weekday>-opens" and "-closes" (repeated once per range),
"<prefix>-h<table>-from" and "-to" for the season; "<prefix>-closure-from", "-until" and
"-note", repeated once per closure. Read into the proposal's rows; the proposal's errors on a row
("services.0.hours.3.opens_at") are put back next to the range or closure they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import zip_longest

from geoplan.registry.models import OpeningHours

from .forms import typed_text

# Empty ranges shown per day, so that a split day (morning and afternoon) can be typed without
# JavaScript; the script adds more.
MIN_SLOTS_PER_DAY = 2
MAX_TIMETABLES = 8
MAX_CLOSURE_ROWS = 60


# ---------------------------------------------------------------------------------------------
# Weekly hours: timetables (one per season) of days, each with any number of time ranges.
# Field names: "<prefix>-h<table>-<weekday>-opens" (repeated once per range), "-closes",
# "<prefix>-h<table>-from" and "-to" for the season.
# ---------------------------------------------------------------------------------------------
@dataclass
class Slot:
    opens: str = ""
    closes: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.opens or self.closes)


@dataclass
class Day:
    weekday: int
    label: str
    slots: list[Slot] = field(default_factory=list)


@dataclass
class Timetable:
    index: int | str
    valid_from: str = ""
    valid_to: str = ""
    days: list[Day] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    name: str = ""  # the fields' common prefix, "<service prefix>-h<index>"

    @classmethod
    def empty(cls, index: int | str) -> Timetable:
        return cls(index, days=[Day(d, label) for d, label in OpeningHours.Weekday.choices])

    def has_ranges(self) -> bool:
        return any(not s.empty for day in self.days for s in day.slots)


class WeeklyHours:
    def __init__(self, prefix: str, tables: list[Timetable]):
        self.prefix = prefix
        self.tables = tables or [Timetable.empty(0)]
        self.errors: list[str] = []
        self._sent: list[tuple[Timetable, Slot]] = []
        for index, table in enumerate(self.tables):
            table.index, table.name = index, f"{prefix}-h{index}"
            for day in table.days:
                while len(day.slots) < MIN_SLOTS_PER_DAY:
                    day.slots.append(Slot())

    def template(self) -> Timetable:
        """An empty timetable whose index the script replaces (marker "__T__")."""
        table = Timetable.empty("__T__")
        table.name = f"{self.prefix}-h__T__"
        table.days = [
            Day(d.weekday, d.label, [Slot() for _ in range(MIN_SLOTS_PER_DAY)]) for d in table.days
        ]
        return table

    @classmethod
    def from_rows(cls, prefix: str, rows: list[dict]) -> WeeklyHours:
        seasons: dict[tuple, Timetable] = {}
        for row in sorted(rows, key=lambda r: (r.get("valid_from") or "", r.get("valid_to") or "")):
            season = (row.get("valid_from") or "", row.get("valid_to") or "")
            table = seasons.get(season)
            if table is None:
                table = seasons[season] = Timetable.empty(len(seasons))
                table.valid_from, table.valid_to = season
            table.days[row["weekday"] - 1].slots.append(Slot(row["opens_at"], row["closes_at"]))
        return cls(prefix, list(seasons.values()))

    @classmethod
    def from_data(cls, prefix: str, data) -> WeeklyHours:
        pattern = re.compile(rf"^{re.escape(prefix)}-h(\d{{1,2}})-")
        indexes = sorted({int(m[1]) for key in data if (m := pattern.match(key))})
        tables = []
        for index in indexes[:MAX_TIMETABLES]:
            name = f"{prefix}-h{index}"
            table = Timetable.empty(len(tables))
            table.valid_from = data.get(f"{name}-from", "").strip()
            table.valid_to = data.get(f"{name}-to", "").strip()
            for day in table.days:
                opens = data.getlist(f"{name}-{day.weekday}-opens")
                closes = data.getlist(f"{name}-{day.weekday}-closes")
                day.slots = [
                    Slot((o or "").strip(), (c or "").strip())
                    for o, c in zip_longest(opens, closes)
                ]
            tables.append(table)
        return cls(prefix, tables)

    def rows(self) -> list[dict]:
        """The payload's hours rows; remembers which range each row came from, for errors."""
        self._sent = []
        rows = []
        for table in self.tables:
            for day in table.days:
                for slot in day.slots:
                    if slot.empty:
                        continue
                    self._sent.append((table, slot))
                    rows.append(
                        {
                            "weekday": day.weekday,
                            "opens_at": slot.opens,
                            "closes_at": slot.closes,
                            "valid_from": table.valid_from or None,
                            "valid_to": table.valid_to or None,
                        }
                    )
        return rows

    def add_error(self, rest: list[str], message: str) -> None:
        """Put an error of path "hours[.N[.key]]" next to its range or season."""
        if not rest or not rest[0].isdecimal() or int(rest[0]) >= len(self._sent):
            self.errors.append(message)
            return
        table, slot = self._sent[int(rest[0])]
        target = table.errors if rest[1:2] in (["valid_from"], ["valid_to"]) else slot.errors
        if message not in target:
            target.append(message)

    def has_errors(self) -> bool:
        return bool(
            self.errors
            or any(t.errors or any(s.errors for d in t.days for s in d.slots) for t in self.tables)
        )


# ---------------------------------------------------------------------------------------------
# Closures: "<prefix>-closure-from", "-until", "-note", repeated once per row.
# ---------------------------------------------------------------------------------------------
@dataclass
class ClosureRow:
    starts_on: str = ""
    ends_on: str = ""
    note: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.starts_on or self.ends_on or self.note)


class Closures:
    def __init__(self, prefix: str, rows: list[ClosureRow]):
        self.prefix = prefix
        self.rows = rows
        self.errors: list[str] = []
        self._sent: list[ClosureRow] = []
        if not self.rows or not self.rows[-1].empty:
            self.rows.append(ClosureRow())

    @classmethod
    def from_rows(cls, prefix: str, rows: list[dict]) -> Closures:
        return cls(
            prefix,
            [
                ClosureRow(r["starts_on"] or "", r["ends_on"] or "", r.get("note") or "")
                for r in rows
            ],
        )

    @classmethod
    def from_data(cls, prefix: str, data) -> Closures:
        starts = data.getlist(f"{prefix}-closure-from")
        ends = data.getlist(f"{prefix}-closure-until")
        notes = data.getlist(f"{prefix}-closure-note")
        rows = [
            ClosureRow((s or "").strip(), (e or "").strip(), typed_text(n))
            for s, e, n in zip_longest(starts, ends, notes)
        ][:MAX_CLOSURE_ROWS]
        return cls(prefix, [r for r in rows if not r.empty])

    def payload(self) -> list[dict]:
        self._sent = [r for r in self.rows if not r.empty]
        return [
            {"starts_on": r.starts_on, "ends_on": r.ends_on, "note": r.note} for r in self._sent
        ]

    def add_error(self, rest: list[str], message: str) -> None:
        if not rest or not rest[0].isdecimal() or int(rest[0]) >= len(self._sent):
            self.errors.append(message)
            return
        row = self._sent[int(rest[0])]
        if message not in row.errors:
            row.errors.append(message)

    def has_errors(self) -> bool:
        return bool(self.errors or any(r.errors for r in self.rows))
