"""The anonymous rate limit, counted once for all web processes."""

import logging

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle

log = logging.getLogger(__name__)


class SharedAnonRateThrottle(AnonRateThrottle):
    """AnonRateThrottle counted in the shared cache (Redis): the limit holds across gunicorn
    workers and hosts instead of multiplying with them, and a recycled worker does not reset it.
    The client is told apart by REMOTE_ADDR, or by the address the trusted proxies put in
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


class FinderRateThrottle(SharedAnonRateThrottle):
    """The public finder's searches (/api/geocode/ as one types, /api/nearest/): a rate of their
    own (API_FINDER_RATE), well above what a person searching makes, that still stops a script
    from using the routing engine as a free service."""

    scope = "finder"
