"""Rate limits counted once for all web processes (the shared cache)."""

import logging

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

log = logging.getLogger(__name__)


class _SharedCount:
    """Counted in the shared cache (Redis): the limit holds across gunicorn workers and hosts
    instead of multiplying with them, and a recycled worker does not reset it. A client without
    an account is told apart by REMOTE_ADDR, or by the address the trusted proxies put in
    X-Forwarded-For (REST_FRAMEWORK["NUM_PROXIES"]), never by a header it could forge."""

    cache = caches["shared"]

    def get_cache_key(self, request, view):
        key = super().get_cache_key(request, view)
        # One count per database, so that two deployments sharing a Redis never mix.
        return key and f"{settings.DATABASES['default']['NAME']}:{key}"

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception as exc:  # Redis down: serve (the work is bounded) and say so
            log.warning("rate limit not checked, the shared cache is unreachable: %s", exc)
            return True


class SharedAnonRateThrottle(_SharedCount, AnonRateThrottle):
    """AnonRateThrottle counted in the shared cache: requests without an account only."""


class FinderRateThrottle(SharedAnonRateThrottle):
    """The public finder's searches (/api/geocode/ as one types, /api/nearest/): a rate of their
    own (API_FINDER_RATE), well above what a person searching makes, that still stops a script
    from using the routing engine as a free service."""

    scope = "finder"


class IsochroneRateThrottle(_SharedCount, UserRateThrottle):
    """Walking isochrones: each new point costs the routing engine a fraction of a second and
    its answer a place in the shared cache, so everyone is counted, an account by its id and
    anyone else by address, at the finder's rate (API_FINDER_RATE) in a count of its own
    (a rate under REST_FRAMEWORK's "isochrones" scope, when set, instead)."""

    scope = "isochrones"

    def get_rate(self):
        return self.THROTTLE_RATES.get(self.scope) or self.THROTTLE_RATES["finder"]
