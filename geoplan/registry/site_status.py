"""What a source says about a service's activity, read from the `status` column of a sites CSV.

The source's words are kept as data (Service.status_note); they map to a registry status:
active or opened → published (once the site is located); planned → planned; seasonal, or a
season already over → archived, with the period the source gives; unknown → needs verification.
Anything else is refused, so that no wording is guessed at.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Status

# A season with its year, as sources write it: "winter 2019-20", "summer 2025".
SEASON = re.compile(r"\b(winter|spring|summer|autumn)\s+(\d{4})(?:\s*-\s*(\d{2}|\d{4}))?\b", re.I)
# The day (month, day) a season of year Y is over; winter Y runs into Y + 1.
SEASON_ENDS = {
    "spring": (0, 6, 21),
    "summer": (0, 9, 23),
    "autumn": (0, 12, 21),
    "winter": (1, 3, 21),
}

YEAR_MONTH = r"\d{4}(?:-\d{2})?"
ACTIVE = re.compile(rf"^(?:active(?:\s*\({YEAR_MONTH}\))?|opened\s+{YEAR_MONTH})$", re.I)
ACTIVE_IN_SEASON = re.compile(r"^active in\s+(.+)$", re.I)
PLANNED = re.compile(r"^planned\b", re.I)
SEASONAL = re.compile(r"^seasonal\b", re.I)
UNKNOWN = re.compile(r"^unknown(?:\s*\(.*\))?$", re.I)


@dataclass(frozen=True)
class SourceStatus:
    # PUBLISHED here means "active": the service is published only once its site is located.
    status: str
    active_period: str = ""


def accepted_forms() -> str:
    return _(
        "active, active (YEAR), active (YEAR-MM), opened YEAR-MM, active in SEASON YEAR, "
        "planned …, seasonal …, unknown, unknown (…), or empty"
    )


def season_is_over(period: str, today: datetime.date | None = None) -> bool:
    match = SEASON.search(period)
    season, year = match.group(1).lower(), int(match.group(2))
    years_on, month, day = SEASON_ENDS[season]
    return datetime.date(year + years_on, month, day) < (today or timezone.localdate())


def season_in(*texts: str) -> str:
    """The first "season year" written in the texts, as written; "" if none."""
    for text in texts:
        match = SEASON.search(text or "")
        if match:
            return match.group(0)
    return ""


def read_status(text: str, hours_text: str = "") -> SourceStatus | None:
    """Map the source's status words to a registry status; None if they are not understood.

    An empty text means the source says nothing: the row is treated as active, as in a file
    without a status column.
    """
    text = " ".join(text.split())
    if not text or ACTIVE.match(text):
        return SourceStatus(Status.PUBLISHED)
    if PLANNED.match(text):
        return SourceStatus(Status.PLANNED)
    if UNKNOWN.match(text):
        return SourceStatus(Status.UNVERIFIED)
    if SEASONAL.match(text):
        # Never invented: the period is the one the hours or the status text give, or none.
        return SourceStatus(Status.ARCHIVED, season_in(hours_text, text))
    season = ACTIVE_IN_SEASON.match(text)
    if season and SEASON.fullmatch(season.group(1)):
        period = season.group(1)
        if season_is_over(period):
            return SourceStatus(Status.ARCHIVED, period)
        return SourceStatus(Status.PUBLISHED)
    return None
