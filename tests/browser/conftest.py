"""A real HTTP server on the test database, and Debian's Chromium driven by Playwright.

pytest-django's live_server would flush the database after each test (it needs
transactional_db); this server only reads the data committed at session start.
"""

import os
import threading
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.wsgi import get_wsgi_application
from playwright.sync_api import sync_playwright

# Playwright's sync API keeps an event loop running in the test thread; the ORM calls the tests
# make there are still synchronous, so Django's async-safety guard is lifted for them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Debian's Chromium; elsewhere (Ubuntu) Playwright's own build, installed by `make test`.
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu"]


def pytest_collection_modifyitems(items):
    """Browser tests read the test database through the server: mark them as using it, so that
    pytest-django creates it even in a session of browser tests alone (otherwise the server
    would be pointed at the development database itself)."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.django_db)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


class ThreadingWSGIServer(WSGIServer):
    daemon_threads = True

    def process_request(self, request, client_address):
        thread = threading.Thread(target=self._handle, args=(request, client_address), daemon=True)
        thread.start()

    def _handle(self, request, client_address):
        try:
            self.finish_request(request, client_address)
        finally:
            self.shutdown_request(request)


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker):
    from django.db import connections

    django_app = StaticFilesHandler(get_wsgi_application())

    def app(environ, start_response):
        # Each request runs in its own thread: close its connections when done, so that the
        # test database can be dropped at the end of the session.
        try:
            return list(django_app(environ, start_response))
        finally:
            connections.close_all()

    with django_db_blocker.unblock():
        server = make_server("127.0.0.1", 0, app, ThreadingWSGIServer, QuietHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_port}"
        server.shutdown()


# Playwright switches greenlets, and Django keys connections by context: stopping it with the
# module keeps it from leaving a connection open in a context the test runner cannot close.
# The database connection each test's transaction used was opened in Playwright's context too:
# it is closed there, once the tests of the module have rolled back.
@pytest.fixture(scope="module")
def browser(django_db_blocker):
    from django.db import connections

    with sync_playwright() as p:
        executable = CHROMIUM if os.path.exists(CHROMIUM) else None
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        # A connection left broken by an earlier module (its socket closed underneath Django)
        # would fail this module's first transaction with "the connection is closed": drop it,
        # so that Django opens a new one.
        with django_db_blocker.unblock():
            for connection in connections.all(initialized_only=True):
                raw = connection.connection
                if raw is not None and raw.closed and not connection.in_atomic_block:
                    connection.close()
        yield browser
        browser.close()
        with django_db_blocker.unblock():
            connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    # No tile server here: refuse tile requests at once instead of waiting for them to fail.
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors
    yield page
    context.close()
