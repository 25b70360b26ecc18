"""Finished API answers kept in memory, so that the map's reads cost a lookup, not a rebuild.

Every GET under /api/ from a visitor without a session is cached whole, as sent (compressed when
the client accepts gzip), keyed by path, query, language, compression and the *data version*:
a counter in the shared cache (Redis) that any change to the territory, the registry or the
accessibility results moves on (see :func:`bump_data_version`), so an answer never outlives the
data it was made from, in any process. Answers for logged-in users (staff may see more) and job
status are never cached.

Django's own cache middleware expires by time; ours must follow changes made by other processes
(the worker storing a run, an admin publishing a service) at once, hence the version in the key.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response

log = logging.getLogger(__name__)
VERSION_KEY = "api-data-version"
WATCHED_APPS = {"territory", "registry", "access"}
NOT_CACHED = ("/api/jobs/",)
# Query parameters the API reads whose values are few (an unknown one is refused, and a refusal
# is not kept); any other, such as a bounding box or a page's offset, makes an answer not worth
# keeping (and would let anyone fill the cache with copies).
KNOWN_PARAMS = {
    "category",
    "profile",
    "status",
    "n",
    "format",
    "target_group",
    "language",
    "step_free",
    "circoscrizione",
    "kind",
    "level",
    "in_need",
}


def data_version() -> int | None:
    """The current data version, or None when the shared cache cannot be reached.

    A counter lost with a restarted Redis starts again from the clock, never from a number an
    earlier answer may still be kept under."""
    try:
        return caches["shared"].get_or_set(VERSION_KEY, time.time_ns)
    except Exception as exc:  # the broker/cache being down must never break a read
        log.warning("data version unavailable, answers not cached: %s", exc)
        return None


def _bump() -> None:
    try:
        shared = caches["shared"]
        shared.add(VERSION_KEY, time.time_ns())
        shared.incr(VERSION_KEY)
    except Exception as exc:
        log.warning("data version not moved on: %s", exc)


def bump_data_version() -> None:
    """Move the version on once the change is committed (once per transaction): until then no
    other process can see the change, and an answer read before the commit is kept under the old
    version only."""
    if not (
        connection.in_atomic_block
        and any(func is _bump for _sids, func, _robust in connection.run_on_commit)
    ):
        transaction.on_commit(_bump)


def data_changed(sender, **kwargs) -> None:
    if sender._meta.app_label in WATCHED_APPS:
        bump_data_version()


class ApiResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        store = caches["responses"]
        cached = store.get(key)
        if cached is not None:
            return self._respond(request, cached)
        response = self.get_response(request)
        if response.status_code == 200 and not response.streaming:
            store.set(key, (response.content, list(response.items())))
        return response

    @staticmethod
    def _key(request) -> str | None:
        if not settings.GEOPLAN_API_CACHE or request.method not in ("GET", "HEAD"):
            return None
        path = request.path
        if not path.startswith("/api/") or path.startswith(NOT_CACHED):
            return None
        # Whoever may be logged in (a session, or HTTP Basic credentials) may see more.
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "Authorization" in request.headers:
            return None
        if not set(request.GET) <= KNOWN_PARAMS:
            return None
        version = data_version()
        if version is None:
            return None
        query = "&".join(sorted(request.GET.urlencode().split("&")))
        language = translation.get_language_from_request(request)
        gzip = "gzip" in request.headers.get("Accept-Encoding", "")
        return f"api:{version}:{language}:{int(gzip)}:{path}?{query}"

    @staticmethod
    def _respond(request, cached) -> HttpResponse:
        content, headers = cached
        response = HttpResponse(content)
        for name, value in headers:
            response[name] = value
        conditional = get_conditional_response(
            request, etag=response.get("ETag"), response=response
        )
        return conditional
