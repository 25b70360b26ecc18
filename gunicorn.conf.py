"""gunicorn settings for geoplan. From this folder `gunicorn` alone finds this file and serves
geoplan.wsgi; every value can be set from the environment:

GUNICORN_BIND         where to listen (default 0.0.0.0:$PORT, PORT default 8000)
GUNICORN_WORKERS      worker processes (default 2; WEB_CONCURRENCY is read too)
GUNICORN_THREADS      threads per worker (default 4; 1 gives plain sync workers)
GUNICORN_TIMEOUT      seconds a request may take before its worker is restarted (default 60)
GUNICORN_ACCESS_LOG   gunicorn's own access log: "-" for stdout (default off, see below)
LOG_FORMAT, LOG_LEVEL as for Django (json by default with DEBUG off)
"""

import os
import sys

# The config file is read before gunicorn puts the working folder on the path.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from geoplan.env import env_bool, env_int  # noqa: E402
from geoplan.logs import formatter_config  # noqa: E402

wsgi_app = "geoplan.wsgi:application"
bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"
workers = env_int("GUNICORN_WORKERS", env_int("WEB_CONCURRENCY", 2))
# Threads: a request mostly waits on PostgreSQL, so a few threads per worker keep the CPU busy,
# and a slow client cannot hold a whole worker when no buffering proxy stands in front.
threads = env_int("GUNICORN_THREADS", 4)
worker_class = "gthread" if threads > 1 else "sync"
# A what-if answers in well under a second; a minute leaves room for a cold start and a slow
# database without letting a stuck request hold a worker for ever.
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then (a leak cannot grow for ever); jitter keeps them from all
# restarting at once. With preload a new worker is forked ready, network and all, but its answer
# cache starts empty: at 200 requests/s a recycle every 5,000 requests stalled answers for
# seconds while the new worker rebuilt them, so it comes rarely.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 200_000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 20_000)

# Django and the compiled walking network are loaded once in the master and shared by the
# forked workers (copy-on-write), instead of each worker reading the network on its first
# what-if. The price: code changes need a restart, not a HUP.
preload_app = True

# Every request is already logged by geoplan.middleware.RequestLogMiddleware (method, path,
# status, duration_ms), static files included; gunicorn's own access log would repeat it. Set
# GUNICORN_ACCESS_LOG=- to have it as well: it is written in the same format.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
_log_format = os.environ.get("LOG_FORMAT") or ("text" if env_bool("DEBUG", True) else "json")
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"default": formatter_config(_log_format)},
    "handlers": {
        "error": {
            "class": "logging.StreamHandler",
            "formatter": "default",
            "stream": "ext://sys.stderr",
        },
        "access": {
            "class": "logging.StreamHandler",
            "formatter": "default",
            "stream": "ext://sys.stdout",
        },
    },
    "loggers": {
        "gunicorn.error": {"level": loglevel.upper(), "handlers": ["error"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
    },
    "root": {"level": "WARNING", "handlers": []},
}


def when_ready(server):
    """In the master, once Django is loaded and before the workers are forked."""
    if os.environ.get("GEOPLAN_PRELOAD_NETWORK", "1") == "0":
        return
    from django.db import connections

    from geoplan.access.inputs import walk_network

    network = walk_network()
    server.log.info("walking network loaded: %s nodes", f"{network.n_nodes:,}")
    # Workers must not share the master's database connections.
    connections.close_all()
