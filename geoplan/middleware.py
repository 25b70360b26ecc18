"""Request logging, the Content-Security-Policy header and the staff pages' languages."""

import logging
import time

from django.conf import settings
from django.utils import translation

request_log = logging.getLogger("geoplan.request")


class RequestLogMiddleware:
    """One log line per request: method, path, status and duration in milliseconds.

    First in MIDDLEWARE, so that static files answered by WhiteNoise and responses made by
    other middleware are counted, and the duration covers all of Django's work.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        status = response.status_code
        level = (
            logging.ERROR if status >= 500 else logging.WARNING if status >= 400 else logging.INFO
        )
        if request_log.isEnabledFor(level):
            request_log.log(
                level,
                "%s %s %s %.1f ms",
                request.method,
                request.path,
                status,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": duration_ms,
                },
            )
        return response


class ContentSecurityPolicyMiddleware:
    """Sets CONTENT_SECURITY_POLICY on every response (CONTENT_SECURITY_POLICY_ADMIN under the
    admin), unless a view already set its own; only reported, not enforced, when
    CONTENT_SECURITY_POLICY_REPORT_ONLY is on. Django 5.2 has no built-in CSP."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response and (
            "Content-Security-Policy-Report-Only" not in response
        ):
            policy = (
                settings.CONTENT_SECURITY_POLICY_ADMIN
                if request.path.startswith(self.admin_prefix)
                else settings.CONTENT_SECURITY_POLICY
            )
            if policy:
                response[self.header()] = policy
        return response

    @staticmethod
    def header() -> str:
        if settings.CONTENT_SECURITY_POLICY_REPORT_ONLY:
            return "Content-Security-Policy-Report-Only"
        return "Content-Security-Policy"


class StaffPagesLanguageMiddleware:
    """The staff pages (planners' map and methods, partner portal, moderation, accounts, admin)
    are written in Italian and English only. A visitor who chose another of the public pages'
    languages reads them in English: otherwise every string without a translation there would
    fall back to Italian, the default language, mixed into the page."""

    PREFIXES = ("/plan/", "/methods/", "/partner/", "/moderation/", "/accounts/", "/admin/")
    LANGUAGES = ("it", "en")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(self.PREFIXES)
            and (translation.get_language() or "it").split("-")[0] not in self.LANGUAGES
        ):
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        return self.get_response(request)
