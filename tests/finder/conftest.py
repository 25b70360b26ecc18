import pytest


@pytest.fixture(autouse=True)
def _database(db):
    """Every finder test reads the territory and sites loaded for the session."""
