"""geoplan settings: one module, read from the environment.

Every value has a safe local default so that `make demo` works with nothing set; a production run
(DEBUG off) refuses to start until a real SECRET_KEY is given.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from geoplan.env import env_bool, env_int, env_list
from geoplan.logs import formatter_config

BASE_DIR = Path(__file__).resolve().parent.parent

_DEV_SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off geoplan needs a real secret: set the SECRET_KEY "
            "environment variable to a long random string, e.g. the output of "
            '`python -c "import secrets; print(secrets.token_urlsafe(50))"`.'
        )
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is the public development key. Set SECRET_KEY to a long random string."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework.authtoken",
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "django_filters",
    "corsheaders",
    "leaflet",
    "geoplan.accounts",
    "geoplan.territory",
    "geoplan.registry",
    "geoplan.moderation",
    "geoplan.access",
    "geoplan.jobs",
    "geoplan.api",
    "geoplan.partner",
    "geoplan.maps",
    "geoplan.public",
    "geoplan.opendata",
    "geoplan.hsds",
    "geoplan.planning",
]

MIDDLEWARE = [
    "geoplan.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "geoplan.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that answers: a cross-origin GET gets its CORS headers, even from cache.
    "corsheaders.middleware.CorsMiddleware",
    # Above GZip, so that an answer is kept compressed and served from memory as it was sent.
    "geoplan.api.cache.ApiResponseCacheMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "geoplan.middleware.StaffPagesLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Who made each change, for the history of every registry record.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout answer.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a login while the account or address is locked out, then the
# model backend checks the password, then `rules` answers object permissions (which
# organisation's records a partner may change).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "geoplan.accounts.backends.EmailBackend",
    "rules.permissions.ObjectPermissionBackend",
]
# Five failed logins for one account from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "geoplan.accounts.lockout.login_name"
AXES_CLIENT_IP_CALLABLE = "geoplan.accounts.lockout.client_address"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "public:finder"
# Links in e-mails (password set-up, moderation decisions) start with this.
GEOPLAN_BASE_URL = os.environ.get("GEOPLAN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# A one-time link to set a password stays valid this long.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT_S", 3 * 24 * 3600)

ROOT_URLCONF = "geoplan.urls"
WSGI_APPLICATION = "geoplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "geoplan" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default="postgis://geoplan:geoplan@127.0.0.1:5432/geoplan",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] != "django.contrib.gis.db.backends.postgis":
    raise ImproperlyConfigured(
        "DATABASE_URL must point at PostgreSQL with PostGIS and start with postgis://, "
        "e.g. postgis://user:password@host:5432/geoplan."
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "it"
# The planners' and partners' pages are in Italian and English; the public pages and category
# names in all seven (the people who need these services often do not read Italian). The
# switcher names each language in itself (django.conf.locale's name_local).
LANGUAGES = [
    ("it", _("Italian")),
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ro", _("Romanian")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "geoplan" / "locale"]
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail (password set-up and reset, moderation decisions) from EMAIL_URL, e.g.
# submission://user:password@smtp.example.org:587; the demo prints e-mails to the console.
_email = dj_email_url.parse(
    os.environ.get("EMAIL_URL") or ("console://" if DEBUG else "smtp://localhost:25")
)
if "EMAIL_BACKEND" not in _email:
    raise ImproperlyConfigured(
        "EMAIL_URL has a scheme geoplan cannot read. Use smtp://user:password@host:25, "
        "submission://user:password@host:587 (STARTTLS), smtps://user:password@host:465 (TLS), "
        "console:// (print e-mails) or file:///path/to/dir."
    )
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "geoplan <noreply@localhost>")
# A mail server that does not answer must not hold a page (an invitation, a decision) for long.
EMAIL_TIMEOUT = _email.get("EMAIL_TIMEOUT") or env_int("EMAIL_TIMEOUT_S", 10)

# Uploads beyond this are refused before they reach the importers.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    # Scripts send "Authorization: Token ..." (POST /api/auth/token/); pages use the session,
    # whose writes need the CSRF token.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_list("API_ANON_RATE", ["60/min"])[0],
        "finder": env_list("API_FINDER_RATE", ["600/min"])[0],
    },
    # How many proxies in front of geoplan append to X-Forwarded-For (0: the client is
    # REMOTE_ADDR). Without it the rate limit would trust a header the client writes.
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
    # drf-spectacular's AutoSchema, documenting the page headers of the API's lists.
    "DEFAULT_SCHEMA_CLASS": "geoplan.api.schema.GeoplanAutoSchema",
}

# Open data: any web page may read the public API and OGC API Features with GET (no cookies are
# sent cross-origin, so a visitor's session is never used); writes stay same-origin.
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_URLS_REGEX = r"^/(api|ogc|downloads)/.*$"

# OpenAPI 3 of the whole API at /api/schema/, read in Swagger UI at /api/docs/; the UI's files
# come from drf-spectacular-sidecar through our static files (no CDN, and no inline script, so
# the Content-Security-Policy holds).
SPECTACULAR_SETTINGS = {
    "TITLE": "geoplan API",
    "DESCRIPTION": (
        "Walking access to social services in Turin: the public registry and accessibility "
        "results, the partner API (proposals reviewed by city moderators) and moderation."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "PREPROCESSING_HOOKS": ["geoplan.api.schema.drop_unslashed_twins"],
    # Choice sets that share a field name, each named for what it is.
    "ENUM_NAME_OVERRIDES": {
        "ChangeRequestStatusEnum": "geoplan.moderation.models.ChangeRequest.Status",
        "JobStatusEnum": "geoplan.jobs.models.Job.Status",
        "ServiceStatusEnum": "geoplan.registry.models.Status",
        "IndicatorKindEnum": "geoplan.territory.models.Indicator.Kind",
        "IndicatorLevelEnum": "geoplan.territory.models.Indicator.Level",
    },
    # Category codes (rows of the registry) and the shape of a refused query parameter.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "geoplan.api.schema.add_shared_components",
    ],
}

# Turin: the map opens here and the admin widgets too.
LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (45.07, 7.68),
    "DEFAULT_ZOOM": 12,
    "MIN_ZOOM": 10,
    "MAX_ZOOM": 19,
    "RESET_VIEW": False,
    "TILES": [
        (
            "OpenStreetMap",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            {"attribution": "&copy; OpenStreetMap contributors", "maxZoom": 19},
        )
    ],
}

FIXTURES_DIR = BASE_DIR / "fixtures"
# Where the compiled walking network is cached (CSR arrays keyed by the source file's hash).
GEOPLAN_CACHE_DIR = Path(os.environ.get("GEOPLAN_CACHE_DIR", BASE_DIR / ".cache"))
# Which walking network accessibility uses: empty for the shipped Turin network, a path to an
# .osm extract, or cache:HASH for one compiled by `manage.py build_network --place ...`.
GEOPLAN_NETWORK = os.environ.get("GEOPLAN_NETWORK", "")

# "default" stays per process (e.g. the anonymous rate limit); "shared" (Redis) holds what every
# process must agree on; "responses" keeps finished API answers in each process's memory.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/1"),
        "KEY_PREFIX": "geoplan",
        "TIMEOUT": None,
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    },
    "responses": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "api-responses",
        "TIMEOUT": 900,
        # A few versions of every answer (largest: 0.6 MB uncompressed), old ones culled first.
        "OPTIONS": {"MAX_ENTRIES": 300},
    },
}
# Keep finished API answers in memory until the data changes (geoplan/api/cache.py).
GEOPLAN_API_CACHE = env_bool("GEOPLAN_API_CACHE", True)

# Background jobs (Celery 5, Redis broker). A task is acknowledged only once done, so a worker
# killed mid-task leaves it to be retried; each worker takes one task at a time, so a long
# recompute never holds a queued one hostage.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = None  # results live in the Job table, not in the broker
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "recompute"
# Two queues, so that a long siting job never delays a recompute (and workers can be given one).
CELERY_TASK_ROUTES = {
    "access.recompute": {"queue": "recompute"},
    "access.evaluate_candidates": {"queue": "siting"},
    "planning.siting": {"queue": "siting"},
}
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Recompute requests arriving within this many seconds are served by one run per profile.
GEOPLAN_RECOMPUTE_DELAY_S = env_int("GEOPLAN_RECOMPUTE_DELAY_S", 10)
# Every change to services, sites, indicators or need profiles asks for a recompute.
GEOPLAN_RECOMPUTE_ON_CHANGE = env_bool("GEOPLAN_RECOMPUTE_ON_CHANGE", True)


# ---------------------------------------------------------------------------------------------
# Production serving: HTTPS and security headers, Content-Security-Policy, structured logs.
# `manage.py check --deploy --fail-level WARNING` passes with DEBUG=0, a real SECRET_KEY and
# ALLOWED_HOSTS (tests/test_deploy_check.py). Static files: STATIC_ROOT and STORAGES above
# (hashed, compressed files served by WhiteNoise after `manage.py collectstatic`).
# ---------------------------------------------------------------------------------------------
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto (and strips it from clients).
if env_bool("SECURE_PROXY_SSL", not DEBUG):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Health checks come over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# No page is meant to be framed; the admin's map widgets draw in the page itself.
X_FRAME_OPTIONS = "DENY"
_SILENCED_DEPLOY_CHECKS = []
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' HSTS preload list commits the whole domain to HTTPS for good: the
    # domain's owner decides it (then sets SECURE_HSTS_PRELOAD=1), not an application default.
    _SILENCED_DEPLOY_CHECKS.append("security.W021")

# Content-Security-Policy (Django 5.2 has none built in: geoplan.middleware sets it). Scripts
# only from this site: the map's configuration is JSON (json_script), which runs no code.
# Styles allow inline attributes: Leaflet and the legends colour swatches with style="...".
# Map tiles come from the tile server of LEAFLET_CONFIG.
_TILE_ORIGINS = sorted(
    {"https://" + url.split("/")[2] for _name, url, _opts in LEAFLET_CONFIG["TILES"]}
)
_CSP_COMMON = [
    "default-src 'self'",
    "img-src 'self' data: " + " ".join(_TILE_ORIGINS),
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]
CONTENT_SECURITY_POLICY = "; ".join(["script-src 'self'", *_CSP_COMMON])
# The admin's map widgets (django-leaflet) and the site form start their maps with inline
# scripts, so the admin, open to staff only, allows inline scripts and nothing more.
CONTENT_SECURITY_POLICY_ADMIN = "; ".join(["script-src 'self' 'unsafe-inline'", *_CSP_COMMON])
# While debugging the policy is reported in the browser's console, not enforced: Django's
# technical error pages and browser-test tooling run inline and evaluated scripts.
CONTENT_SECURITY_POLICY_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", DEBUG)

# Logs: LOG_FORMAT=json writes one JSON object per line (time, level, logger, message, and for
# requests method, path, status, duration_ms); text is for reading at a terminal.
LOG_FORMAT = os.environ.get("LOG_FORMAT") or ("text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be json or text; got {LOG_FORMAT!r}.")
# One line per request from geoplan.middleware.RequestLogMiddleware; off by default while
# debugging, where runserver already prints one (errors are logged either way).
LOG_REQUESTS = env_bool("LOG_REQUESTS", not DEBUG)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"default": formatter_config(LOG_FORMAT)},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "default"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"geoplan.request": {"level": "INFO" if LOG_REQUESTS else "WARNING"}},
}

# Debian 12 ships GDAL 3.6: geoplan never hands user-supplied spatial-reference definitions or
# file paths to GDAL (uploads are parsed as CSV/GeoJSON text), so the 3.9 hardening is not needed.
# drf-spectacular's own checks stay on: the OpenAPI document describes every endpoint.
SILENCED_SYSTEM_CHECKS = [
    "gis.W001",
    *_SILENCED_DEPLOY_CHECKS,
]
