"""GET /healthz: does this process reach its database and its broker, and how old are the
accessibility results it serves?

For load balancers and container health checks: no authentication, no throttling, no session.
HTTP 200 when the database and the broker answer, 503 otherwise; each part says in a sentence
what failed. The age of the latest runs is reported but never fails the check: stale results
are a planner's concern, not a reason to take the site out of service.
"""

from urllib.parse import urlsplit, urlunsplit

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from geoplan.access.models import AccessRun, Profile

BROKER_TIMEOUT_S = 1.0


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
            cursor.execute("SELECT postgis_lib_version()")
            (postgis,) = cursor.fetchone()
    except Exception as exc:  # any failure is the answer, whatever its class
        return {
            "ok": False,
            "error": f"The database did not answer a simple query: {_one_line(exc)}",
        }
    return {"ok": True, "postgis": postgis}


def check_broker() -> dict:
    url = settings.CELERY_BROKER_URL
    try:
        client = redis.Redis.from_url(
            url, socket_connect_timeout=BROKER_TIMEOUT_S, socket_timeout=BROKER_TIMEOUT_S
        )
        try:
            client.ping()
        finally:
            client.close()
    except Exception as exc:
        return {
            "ok": False,
            "error": (
                f"The job broker at {_redacted(url)} did not answer PING within "
                f"{BROKER_TIMEOUT_S:g} s: {_one_line(exc)}"
            ),
        }
    return {"ok": True}


def latest_runs() -> dict:
    """Per profile: the latest completed run and its age in seconds, or null."""
    now = timezone.now()
    runs = {}
    for profile in Profile.values:
        try:
            run = AccessRun.objects.latest_completed(profile)
        except Exception:
            run = None  # the database check above already says why
        if run is None:
            runs[profile] = None
            continue
        finished = run.finished_at or run.started_at
        runs[profile] = {
            "run": run.pk,
            "finished_at": finished.isoformat(),
            "age_s": round((now - finished).total_seconds()),
        }
    return runs


@never_cache
@require_safe
def healthz(request):
    database = check_database()
    broker = check_broker()
    ok = database["ok"] and broker["ok"]
    body = {
        "status": "ok" if ok else "failing",
        "database": database,
        "broker": broker,
        "access_runs": latest_runs() if database["ok"] else None,
    }
    return JsonResponse(body, status=200 if ok else 503)


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or exc.__class__.__name__
    return text[:300]


def _redacted(url: str) -> str:
    """The broker URL without its password."""
    parts = urlsplit(url)
    if parts.password:
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        user = parts.username or ""
        parts = parts._replace(netloc=f"{user}:***@{host}")
    return urlunsplit(parts)
