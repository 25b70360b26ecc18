"""How many problem reports one client may send: a few an hour, counted once for all web
processes in the shared cache (Redis), the client told apart as the API's rate limit does."""

import logging

from django.conf import settings
from django.core.cache import caches

from geoplan.accounts.lockout import client_address

log = logging.getLogger(__name__)

REPORTS_PER_HOUR = 5
WINDOW_S = 3600


def _key(request) -> str:
    # One count per database, so that two deployments sharing a Redis never mix.
    database = settings.DATABASES["default"]["NAME"]
    return f"{database}:problem-reports:{client_address(request)}"


def is_over(request) -> bool:
    """Whether this client has already sent its reports for the hour."""
    try:
        return (caches["shared"].get(_key(request)) or 0) >= REPORTS_PER_HOUR
    except Exception as exc:  # Redis down: take the report (a moderator reads it) and say so
        log.warning("report limit not checked, the shared cache is unreachable: %s", exc)
        return False


def count(request) -> bool:
    """Count one report; False when it is one too many (two sent at once may both have passed
    is_over: the atomic increment decides)."""
    cache, key = caches["shared"], _key(request)
    try:
        # The hour starts with the first report; add() keeps a running count and its expiry.
        cache.add(key, 0, timeout=WINDOW_S)
        return cache.incr(key) <= REPORTS_PER_HOUR
    except ValueError:  # the count expired between add() and incr(): a new hour begins
        cache.set(key, 1, timeout=WINDOW_S)
        return True
    except Exception as exc:
        log.warning("report limit not counted, the shared cache is unreachable: %s", exc)
        return True


def clear(request) -> None:
    caches["shared"].delete(_key(request))
