"""Query parameters of the HSDS API and its Page wrapper, each bad value refused with a sentence.

Lists are paginated as the HSDS API's Page schema: total_items, total_pages, page_number, size
(the entities on this page), first_page, last_page, empty, and the page's ``contents``. A page
past the last one is answered, empty, as the schema's ``empty`` flag allows.
"""

from __future__ import annotations

import math

from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError

from .ids import parse_uuid

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
# Parameters of the HSDS API that geoplan does not serve: answered with a sentence rather than
# ignored, so that a client never takes an unfiltered list for a filtered one.
NOT_SERVED = ("minimal", "modified_after", "postcode", "proximity")


def _whole(request, name: str, default: int, low: int, high: int | None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        if high is None:
            message = _("%(name)s must be a whole number from %(low)d (“%(value)s” given).")
        else:
            message = _(
                "%(name)s must be a whole number from %(low)d to %(high)d (“%(value)s” given)."
            )
        raise ValidationError(
            {name: [message % {"name": name, "low": low, "high": high or 0, "value": raw[:50]}]}
        )
    return value


def page_params(request) -> tuple[int, int]:
    """(page, per_page) of the request; pages count from 1."""
    return (
        _whole(request, "page", 1, 1, None),
        _whole(request, "per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE),
    )


def flag(request, name: str) -> bool:
    raw = request.query_params.get(name)
    if raw is None:
        return False
    if raw.lower() in {"true", "1"}:
        return True
    if raw.lower() in {"false", "0"}:
        return False
    raise ValidationError(
        {
            name: [
                _("%(name)s is true or false (“%(value)s” given).")
                % {"name": name, "value": raw[:50]}
            ]
        }
    )


def uuid_param(request, name: str) -> str | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    value = parse_uuid(raw)
    if value is None:
        raise ValidationError(
            {
                name: [
                    _("%(name)s is an HSDS id, a UUID (“%(value)s” given).")
                    % {"name": name, "value": raw[:50]}
                ]
            }
        )
    return value


def check_served(request, served: tuple[str, ...] = ()) -> None:
    """Refuse the HSDS parameters geoplan does not serve, and any format but JSON."""
    for name in NOT_SERVED:
        if name in request.query_params and name not in served:
            raise ValidationError(
                {name: [_("%(name)s is not supported by this API.") % {"name": name}]}
            )
    fmt = request.query_params.get("format")
    if fmt not in (None, "json"):
        raise ValidationError(
            {
                "format": [
                    _(
                        "Only json is served (“%(value)s” given); the whole directory is one "
                        "file at /api/hsds/export.json."
                    )
                    % {"value": fmt[:50]}
                ]
            }
        )


def page(items, number: int, per_page: int, make) -> dict:
    """The Page of ``items`` (a queryset or a list) numbered ``number``, each made by ``make``."""
    total = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    start = (number - 1) * per_page
    # A page past the last is empty; it is not sliced (a huge offset overflows PostgreSQL's bigint).
    contents = [make(item) for item in items[start : start + per_page]] if start < total else []
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(contents),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }
