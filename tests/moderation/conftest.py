"""Personas and records of the moderation pages.

From tests/conftest.py: `partner_a` (organisation A), `partner_b` (organisation B), `moderator`;
here: `planner` (city staff with the planner role, not a moderator), `other_moderator`, and
`site_of_a` (a real located site with its services, handed to organisation A).
"""

import pytest

from tests.conftest import PERSONA_PASSWORD
from tests.jobs.conftest import purge_queues


@pytest.fixture(autouse=True)
def recompute_messages_removed(settings):
    """Approvals ask for a recompute through the real broker; no worker of this session may
    pick those messages up, so they are removed after each test."""
    settings.GEOPLAN_RECOMPUTE_ON_CHANGE = False
    yield
    purge_queues()


@pytest.fixture
def planner(db):
    from geoplan.accounts.creation import create_account

    return create_account("paolo@comune.example.org", "planner", password=PERSONA_PASSWORD)


@pytest.fixture
def other_moderator(db):
    from geoplan.accounts.creation import create_account

    return create_account("mario@comune.example.org", "moderator", password=PERSONA_PASSWORD)


@pytest.fixture
def site_of_a(org_a):
    from geoplan.registry.models import Site

    site = Site.objects.located().filter(services__isnull=False).order_by("pk").first()
    Site.objects.filter(pk=site.pk).update(organization=org_a)
    site.refresh_from_db()
    return site
