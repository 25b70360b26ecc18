"""Shared test set-up: the real Turin territory and sites, loaded once into the test database.

Each test runs in a transaction that is rolled back, so the session's data stays as loaded.
Personas: `planner` (staff with every right), `clerk` (staff without the right to register
sites), `outsider` (a logged-in user without staff rights).
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

SITES_CSV = Path(settings.FIXTURES_DIR) / "services" / "sites_from_public_sources.csv"
MORE_SITES_CSV = Path(settings.FIXTURES_DIR) / "services" / "sites_more_from_public_pages.csv"
INDICATORS_SPEC = Path(settings.FIXTURES_DIR) / "indicators" / "ex_quartieri.json"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from geoplan.access.services import run_access
    from geoplan.registry.site_import import import_sites
    from geoplan.territory.indicator_layer import import_spec
    from geoplan.territory.loading import load_territory

    # The loads below are not changes waiting for a recompute: the runs are made right here.
    with django_db_blocker.unblock(), override_settings(GEOPLAN_RECOMPUTE_ON_CHANGE=False):
        load_territory()
        import_spec(INDICATORS_SPEC)
        import_sites(SITES_CSV.read_text(encoding="utf-8"))
        import_sites(MORE_SITES_CSV.read_text(encoding="utf-8"))
        run_access("standard")
        run_access("slow")


@pytest.fixture(autouse=True)
def no_answer_cache(settings):
    """Each test changes data inside a transaction that is rolled back, unseen by the answer
    cache's version: the cache has tests of its own (tests/api/test_answer_cache.py)."""
    settings.GEOPLAN_API_CACHE = False


@pytest.fixture(autouse=True)
def english(settings):
    """Tests read messages in English; Italian, the site's default, has tests of its own."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def planner(db, django_user_model):
    return django_user_model.objects.create_user(
        "planner", "planner@example.org", "planner-pass", is_staff=True, is_superuser=True
    )


@pytest.fixture
def clerk(db, django_user_model):
    """City staff who can use the admin but have no right to register sites."""
    return django_user_model.objects.create_user(
        "clerk", "clerk@example.org", "pass", is_staff=True
    )


@pytest.fixture
def outsider(db, django_user_model):
    return django_user_model.objects.create_user("outsider", "outsider@example.org", "pass")


@pytest.fixture
def empty_registry(db):
    """The registry emptied inside this test's transaction (restored afterwards)."""
    from geoplan.registry.models import Site

    Site.objects.all().delete()


# Personas of the partner side: a partner of organisation A, a partner of B, a city moderator.
PERSONA_PASSWORD = "Persona-pass-2026"


@pytest.fixture
def org_a(db):
    from geoplan.registry.models import Organization

    return Organization.objects.create(name="Organisation A (test)", is_illustrative=True)


@pytest.fixture
def org_b(db):
    from geoplan.registry.models import Organization

    return Organization.objects.create(name="Organisation B (test)", is_illustrative=True)


@pytest.fixture
def partner_a(org_a):
    from geoplan.accounts.creation import create_account

    return create_account("anna@a.example.org", "partner", [org_a.pk], password=PERSONA_PASSWORD)


@pytest.fixture
def partner_b(org_b):
    from geoplan.accounts.creation import create_account

    return create_account("bruno@b.example.org", "partner", [org_b.pk], password=PERSONA_PASSWORD)


@pytest.fixture
def moderator(db):
    from geoplan.accounts.creation import create_account

    return create_account("marta@comune.example.org", "moderator", password=PERSONA_PASSWORD)


def new_site_proposal(**site):
    """A proposal for a new food-distribution site on Via Nizza, open Monday mornings."""
    return {
        "site": {
            "name": "Punto cibo di prova",
            "address": "Via Nizza 100, Torino",
            "location": {"lon": 7.6745, "lat": 45.0495},
            **site,
        },
        "services": [
            {
                "category": "food_distribution",
                "name": "Pacchi alimentari",
                "hours": [
                    {
                        "weekday": 1,
                        "opens_at": "09:00",
                        "closes_at": "13:00",
                        "valid_from": None,
                        "valid_to": None,
                    }
                ],
                "closed_on_public_holidays": True,
            }
        ],
    }
