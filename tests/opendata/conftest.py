"""Open data tests read the Turin data loaded for the session (tests/conftest.py); the GDAL
tests read it through the real HTTP server of the browser tests."""

import pytest

from tests.browser.conftest import site_url  # noqa: F401  (the shared server on the test database)


@pytest.fixture(autouse=True)
def _database(db):
    """Every test here reads the territory, sites and runs loaded for the session."""
