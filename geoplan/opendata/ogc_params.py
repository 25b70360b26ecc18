"""Query parameters of OGC API - Features, each refused with a sentence naming it."""

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.contrib.gis.geos import MultiPolygon, Polygon
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

DEFAULT_LIMIT = 10
MAX_LIMIT = 1000
# The parameters of the items operation (Core); any other is refused, as Core requires.
ITEMS_PARAMS = ("f", "bbox", "datetime", "limit", "offset")


class BadParameter(ValueError):
    """A query parameter the API cannot read: the message says which and why."""


def check_known(query, known) -> None:
    unknown = sorted(set(query) - set(known))
    if unknown:
        raise BadParameter(
            _("Unknown query parameter %(names)s: this request accepts %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(known) or _("none")}
        )


def format_param(query, formats=("json",)) -> str:
    value = query.get("f", formats[0])
    if value not in formats:
        raise BadParameter(
            _("Unknown format f=%(value)s: this resource is offered as %(known)s.")
            % {"value": value, "known": ", ".join(formats)}
        )
    return value


def _whole_number(query, name: str, default: int) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameter(
            _("%(name)s must be a whole number, not %(value)r.") % {"name": name, "value": raw}
        ) from None
    return value


def limit_param(query) -> int:
    """1 to MAX_LIMIT; a larger limit is served as MAX_LIMIT (Core: it is not an error)."""
    limit = _whole_number(query, "limit", DEFAULT_LIMIT)
    if limit < 1:
        raise BadParameter(
            _("limit must be at least 1 (at most %(max)d features are returned per page).")
            % {"max": MAX_LIMIT}
        )
    return min(limit, MAX_LIMIT)


def offset_param(query) -> int:
    offset = _whole_number(query, "offset", 0)
    if offset < 0:
        raise BadParameter(_("offset must be 0 or more."))
    return offset


def bbox_param(query) -> Polygon | MultiPolygon | None:
    """The box of `bbox=minLon,minLat,maxLon,maxLat` (CRS84; six numbers carry heights, which
    are ignored) as a polygon in EPSG:4326; a box with minLon > maxLon crosses the antimeridian."""
    raw = query.get("bbox")
    if raw is None:
        return None
    parts = raw.split(",")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        numbers = []
    if len(parts) not in (4, 6) or len(numbers) != len(parts):
        raise BadParameter(
            _(
                "bbox must be four numbers separated by commas: minimum longitude, minimum "
                "latitude, maximum longitude, maximum latitude (WGS 84), e.g. "
                "bbox=7.60,45.00,7.70,45.10."
            )
        )
    if not all(math.isfinite(n) for n in numbers):
        raise BadParameter(_("bbox must be made of finite numbers."))
    if len(numbers) == 6:
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    min_lon, min_lat, max_lon, max_lat = numbers
    if not all(-180 <= v <= 180 for v in (min_lon, max_lon)) or not all(
        -90 <= v <= 90 for v in (min_lat, max_lat)
    ):
        raise BadParameter(
            _(
                "bbox is in longitude and latitude (WGS 84): longitudes lie between -180 and "
                "180, latitudes between -90 and 90."
            )
        )
    if min_lat > max_lat:
        raise BadParameter(_("bbox: the minimum latitude is greater than the maximum latitude."))
    if min_lon <= max_lon:
        return Polygon.from_bbox((min_lon, min_lat, max_lon, max_lat))
    return MultiPolygon(
        Polygon.from_bbox((min_lon, min_lat, 180, max_lat)),
        Polygon.from_bbox((-180, min_lat, max_lon, max_lat)),
    )


@dataclass(frozen=True)
class Interval:
    """A closed time interval; None is an open end."""

    start: datetime | None
    end: datetime | None

    def overlaps(self, start: datetime | None, end: datetime | None) -> bool:
        return (self.end is None or start is None or start <= self.end) and (
            self.start is None or end is None or end >= self.start
        )

    def overlaps_year(self, year: int) -> bool:
        start = datetime(year, 1, 1, tzinfo=UTC)
        return self.overlaps(start, datetime.combine(date(year, 12, 31), time.max, UTC))


def _parse(text: str) -> datetime | date | None:
    """A date-time (with a "T"), a date, or None when it is neither."""
    try:
        return parse_datetime(text) if "T" in text.upper() else parse_date(text)
    except ValueError:  # well formed but impossible, such as 2024-02-30
        return None


def _moment(text: str, end: bool) -> datetime | None:
    """The moment `text` names; a day starts at its first instant, or ends at its last."""
    if text in ("", ".."):
        return None
    moment = _parse(text)
    if moment is None:
        raise BadParameter(
            _(
                "datetime %(value)r is not a date or time: use RFC 3339, e.g. 2024-05-01, "
                "2024-05-01T10:00:00Z, or an interval such as 2023-01-01/.. ."
            )
            % {"value": text}
        )
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time.max if end else time.min, UTC)
    if moment.tzinfo is None:
        raise BadParameter(
            _("datetime %(value)r needs a time zone, e.g. 2024-05-01T10:00:00Z.") % {"value": text}
        )
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise BadParameter(
            _("datetime %(value)r is out of the range of dates.") % {"value": text}
        ) from None


def datetime_param(query) -> Interval | None:
    """`datetime=` as an instant (a day counts whole) or an interval `start/end`, either end
    open with `..` or left empty."""
    raw = query.get("datetime")
    if raw is None:
        return None
    if "/" in raw:
        first, _sep, last = raw.partition("/")
        if first in ("", "..") and last in ("", ".."):
            raise BadParameter(_("datetime: an interval needs at least one end."))
        interval = Interval(_moment(first, end=False), _moment(last, end=True))
    else:
        if raw in ("", ".."):
            raise BadParameter(_("datetime is empty: give a date, a time or an interval."))
        interval = Interval(_moment(raw, end=False), _moment(raw, end=True))
    if interval.start and interval.end and interval.start > interval.end:
        raise BadParameter(_("datetime: the interval ends before it starts."))
    return interval
