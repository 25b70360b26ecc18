"""Whether a service is open, said honestly: from its structured hours only, never from text.

``describe(service, at=None)`` answers, in the active language, with this dict::

    {
        "state": "open" | "closed" | "unknown",
        "label": str,             # e.g. "Open now · closes at 18:00"
        "opens_at": str | None,   # ISO 8601 with offset: the next opening, when closed
        "closes_at": str | None,  # ISO 8601 with offset: the next closing, when open
        # only when the source published a text (Service.hours_text is not empty):
        "hours_text": str,        # the text as published
        "source_url": str,        # where it was published ("" if not known)
        "as_of_year": int | None, # the year the source's facts are of
    }

Labels: "Open now · closes at 18:00", "Open now · closes at midnight", "Open now · closes
tomorrow at 07:00", "Open now · closes Monday at 09:00" (within a week), "Open now · closes on
7 December at 09:00"; "Closed · opens at 14:00" (later today), "Closed · opens tomorrow at
09:00", "Closed · opens Monday at 09:00", "Closed · opens on 1 November at 19:00"; "Open 24
hours" (open with no closing within a year); "Closed until further notice" (no opening within a
year). A service without structured hours is "unknown": "Hours as published: <text>", or "Hours
not known" without a text.

The state comes from Service.opening_hours, the OpenStreetMap string derived from the schedule
rows, closures, seasons and the public-holiday flag whenever they are saved (hours.py): it holds
closures, seasons (valid_from/valid_to), Italy's public holidays when the service closes on them,
and ranges past midnight. Times are Turin's (Europe/Rome); a naive datetime is Turin's time.
Weekday and month names come from Django's date formatting, so they are in the active language.

Evaluating is cheap: each distinct string is parsed once (hours.evaluator), so filtering many
services costs one evaluation each; ``open_states`` evaluates each distinct string once per call.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from .hours import HoursError, evaluator, in_turin

OPEN, CLOSED, UNKNOWN = "open", "closed", "unknown"
# A week: beyond it a weekday name alone would be ambiguous, so the date is given.
_WEEK_DAYS = 6
# Changes to a state other than open (the OSM "unknown" state) skipped when looking ahead.
_MAX_STEPS = 8


def _now_or(at: datetime | None) -> datetime:
    return in_turin(at if at is not None else timezone.now())


def _when(moment: datetime, at: datetime, *, opening: bool) -> str:
    """The label for the next opening (or closing) at ``moment``, seen from ``at``."""
    days = (moment.date() - at.date()).days
    values = {"time": f"{moment.hour:02d}:{moment.minute:02d}"}
    if 1 < days <= _WEEK_DAYS:
        values["day"] = format_date(moment, "l")
    elif days > _WEEK_DAYS:
        values["date"] = format_date(moment, "j F")
    if opening:
        if days == 0:
            text = _("Closed · opens at %(time)s")
        elif days == 1:
            text = _("Closed · opens tomorrow at %(time)s")
        elif days <= _WEEK_DAYS:
            text = _("Closed · opens %(day)s at %(time)s")
        else:
            text = _("Closed · opens on %(date)s at %(time)s")
    elif days == 0:
        text = _("Open now · closes at %(time)s")
    elif days == 1 and moment.hour == moment.minute == 0:
        text = _("Open now · closes at midnight")
    elif days == 1:
        text = _("Open now · closes tomorrow at %(time)s")
    elif days <= _WEEK_DAYS:
        text = _("Open now · closes %(day)s at %(time)s")
    else:
        text = _("Open now · closes on %(date)s at %(time)s")
    return text % values


def _next_opening(found, at: datetime) -> datetime | None:
    moment = at
    for _step in range(_MAX_STEPS):
        moment = found.next_change(moment)
        if moment is None or found.is_open(moment):
            return moment
    return None


def _published(service) -> dict:
    if not service.hours_text:
        return {}
    return {
        "hours_text": service.hours_text,
        "source_url": service.source_url,
        "as_of_year": service.as_of_year,
    }


def _unknown(service) -> dict:
    label = (
        _("Hours as published: %(text)s") % {"text": service.hours_text}
        if service.hours_text
        else _("Hours not known")
    )
    return {"state": UNKNOWN, "label": label, "opens_at": None, "closes_at": None}


def _evaluator(service):
    if not service.opening_hours:
        return None
    try:
        return evaluator(service.opening_hours)
    except HoursError:
        # Stored strings are checked when derived; one that no longer reads is not a guess.
        return None


def describe(service, at: datetime | None = None) -> dict:
    """Open, closed or unknown at ``at`` (default now), with a label in the active language.

    The dict's shape is in this module's docstring.
    """
    at = _now_or(at)
    found = _evaluator(service)
    if found is None or found.is_unknown(at):
        return _unknown(service) | _published(service)
    if found.is_open(at):
        closes = found.next_change(at)
        answer = {
            "state": OPEN,
            "label": _when(closes, at, opening=False) if closes else _("Open 24 hours"),
            "opens_at": None,
            "closes_at": closes.isoformat() if closes else None,
        }
    else:
        opens = _next_opening(found, at)
        answer = {
            "state": CLOSED,
            "label": _when(opens, at, opening=True) if opens else _("Closed until further notice"),
            "opens_at": opens.isoformat() if opens else None,
            "closes_at": None,
        }
    return answer | _published(service)


def is_open_at(service, at: datetime | None = None) -> bool | None:
    """True or False from the service's structured hours; None when they are not known."""
    return _is_open(service.opening_hours, _now_or(at))


def _is_open(text: str, at: datetime) -> bool | None:
    if not text:
        return None
    try:
        found = evaluator(text)
    except HoursError:
        return None
    if found.is_unknown(at):
        return None
    return found.is_open(at)


def open_states(services: Iterable, at: datetime | None = None) -> dict[int, bool | None]:
    """``is_open_at`` for many services at one moment, by primary key.

    Only ``pk`` and ``opening_hours`` are read (``.only("pk", "opening_hours")`` suffices), and
    each distinct string is evaluated once.
    """
    at = _now_or(at)
    by_text: dict[str, bool | None] = {}
    answer = {}
    for service in services:
        text = service.opening_hours
        if text not in by_text:
            by_text[text] = _is_open(text, at)
        answer[service.pk] = by_text[text]
    return answer
