"""What the public page of a site says of a published service, in the page's language.

The facts come from the registry as published; this module only puts them in the words and
forms a phone shows: day names, time ranges, links one can tap, names of languages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from django.utils.dates import WEEKDAYS
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from geoplan.registry.vocabulary import LANGUAGES, TargetGroup

# Italy's country code: a number written the Italian way (011 ..., 333 ...) is dialled from a
# foreign phone too, which many of the people reading these pages carry.
COUNTRY_CODE = "+39"
# Shorter numbers are short codes (112, 1500), dialled as they are.
SHORTEST_FULL_NUMBER = 6
# A number as people write one: "011 442 1234", "+39 011.4421234", "(011) 44-21-234", "112".
# A hyphen joins digits only when it touches them ("44-21"): " - " separates two numbers
# ("011 4421234 - 4421235").
_NUMBER = re.compile(r"(?:\+\s?)?\(?\d(?:[\d.()]|\s+(?=[\d(])|-(?=\d))*\d")


@dataclass(frozen=True)
class Range:
    text: str  # "09:00–13:00"
    overnight: bool  # closes the next day


@dataclass(frozen=True)
class Day:
    name: str
    ranges: list[Range]  # empty: closed that day


@dataclass(frozen=True)
class Season:
    """Weekly hours valid between two dates (both None: all year)."""

    valid_from: date | None
    valid_to: date | None
    days: list[Day] = field(default_factory=list)
    # A season names only the days it changes: the others keep the year-round hours.
    others_as_usual: bool = False

    @property
    def all_year(self) -> bool:
        return self.valid_from is None and self.valid_to is None


def _range(opens_at, closes_at) -> Range:
    return Range(f"{opens_at:%H:%M}–{closes_at:%H:%M}", overnight=closes_at < opens_at)


def weekly_hours(rows, today: date) -> list[Season]:
    """The weekly schedule rows as tables: the year-round hours with all seven days, then each
    season not yet over, in date order.

    As in the opening-hours string the rows make (registry/hours.py), a season replaces the
    year-round hours only on the days it names; without year-round hours, a day a season does
    not name is closed.
    """
    seasons: dict[tuple, dict[int, list]] = {}
    for row in rows:
        if row.valid_to is not None and row.valid_to < today:
            continue
        days = seasons.setdefault((row.valid_from, row.valid_to), {})
        days.setdefault(row.weekday, []).append(row)
    has_all_year = (None, None) in seasons
    tables = []
    for key in sorted(
        seasons, key=lambda s: (s != (None, None), s[0] or date.min, s[1] or date.max)
    ):
        by_day = seasons[key]
        is_all_year = key == (None, None)
        weekdays = range(1, 8) if is_all_year or not has_all_year else sorted(by_day)
        days = [
            Day(
                name=str(WEEKDAYS[weekday - 1]),  # Django's names: Monday is 0 there
                ranges=[
                    _range(r.opens_at, r.closes_at)
                    for r in sorted(by_day.get(weekday, []), key=lambda r: r.opens_at)
                ],
            )
            for weekday in weekdays
        ]
        tables.append(
            Season(key[0], key[1], days, others_as_usual=not is_all_year and has_all_year)
        )
    return tables


def current_closures(closures, today: date) -> list:
    """Closures not yet over, the nearest first."""
    return sorted((c for c in closures if c.ends_on >= today), key=lambda c: c.starts_on)


@dataclass(frozen=True)
class Phone:
    shown: str  # as published
    href: str  # tel: link


def phone_numbers(text: str) -> list[Phone]:
    """The numbers in a published phone field ("011 1234567 / 333 1234567 (mobile)"), each with
    a tel: link; words around them (an office's name, a time) are left out here."""
    numbers = []
    for match in _NUMBER.finditer(text or ""):
        shown = match.group().strip()
        digits = re.sub(r"[^\d+]", "", shown)
        if len(digits.lstrip("+")) < 3:
            continue
        # A short code is written whole ("112", "1522"); short digits with separators are a
        # time or a range of days ("9-12", "9.30"), not a number to call.
        if len(digits) < SHORTEST_FULL_NUMBER and shown != digits:
            continue
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        if not digits.startswith("+") and len(digits) >= SHORTEST_FULL_NUMBER:
            digits = COUNTRY_CODE + digits
        numbers.append(Phone(shown=shown, href="tel:" + digits))
    return numbers


def has_words(text: str) -> bool:
    """Whether a text has letters, not only numbers and separators."""
    return bool(re.search(r"[^\W\d_]", text or ""))


def web_address(url: str) -> str:
    """The address if a browser may follow it from a link (http or https), else ""."""
    url = (url or "").strip()
    return url if re.match(r"^https?://", url, re.IGNORECASE) else ""


def host(url: str) -> str:
    """The site a web address points to, without "www.": what a link names on a phone."""
    name = urlsplit(web_address(url)).hostname or ""
    return name.removeprefix("www.")


def language_names(codes: list[str]) -> list[str]:
    """Names of the languages spoken, in the page's language: Django's translated names where
    it knows the language, the registry vocabulary's otherwise, the code as a last resort."""
    vocabulary = dict(LANGUAGES)
    names = []
    for code in codes:
        try:
            names.append(str(get_language_info(code)["name_translated"]))
        except KeyError:
            names.append(str(vocabulary.get(code, code)))
    return names


def target_group_labels(codes: list[str]) -> list[str]:
    return [str(TargetGroup(code).label) for code in codes if code in TargetGroup.values]


def step_free_words(value: bool | None) -> str:
    if value is None:
        return _("Not known")
    return _("Yes, without steps") if value else _("No: there are steps")
