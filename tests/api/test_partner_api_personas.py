"""Personas and helpers of the partner, moderation and token API tests (no tests here).

`partner_a` belongs to organisation A, `partner_b` to organisation B, `moderator` is city staff;
`site_a` is a site of A with one published food service open on Mondays. Clients send real
tokens (``Authorization: Token ...``), as scripts do.
"""

from datetime import time

import pytest
from django.conf import settings
from django.contrib.gis.geos import Point
from django.core.cache import caches
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

# What `from .test_partner_api_personas import *` brings: the fixtures.
__all__ = [
    "token_requests_not_limited",
    "org_a",
    "org_b",
    "partner_a",
    "partner_b",
    "moderator",
    "site_a",
    "site_b",
]

PASSWORD = "correct horse battery staple 42"
# Inside Turin: the flow's new site (a food distribution in Via Nizza).
NEW_SITE_LON, NEW_SITE_LAT = 7.6745, 45.0495
NEW_SITE_ADDRESS = "Via Nizza 100, Torino"


@pytest.fixture(autouse=True)
def token_requests_not_limited():
    """Token requests are counted per address in Redis, beyond the test's transaction: each test
    starts and ends with no count."""
    key = f"{settings.DATABASES['default']['NAME']}:throttle_auth_token_127.0.0.1"
    caches["shared"].delete(key)
    yield
    caches["shared"].delete(key)


@pytest.fixture
def org_a(db):
    from geoplan.registry.models import Organization

    return Organization.objects.create(name="Associazione Alfa (test)", is_illustrative=True)


@pytest.fixture
def org_b(db):
    from geoplan.registry.models import Organization

    return Organization.objects.create(name="Cooperativa Beta (test)", is_illustrative=True)


@pytest.fixture
def partner_a(org_a):
    from geoplan.accounts.creation import create_account

    return create_account("partner.a@example.org", "partner", [org_a.pk], password=PASSWORD)


@pytest.fixture
def partner_b(org_b):
    from geoplan.accounts.creation import create_account

    return create_account("partner.b@example.org", "partner", [org_b.pk], password=PASSWORD)


@pytest.fixture
def moderator(db):
    from geoplan.accounts.creation import create_account

    return create_account("moderator@example.org", "moderator", password=PASSWORD)


def make_site(organisation, name, address, lon, lat):
    from geoplan.registry.models import OpeningHours, Service, ServiceCategory, Site, Status

    site = Site(name=name, address=address, organization=organisation, geom=Point(lon, lat))
    site.full_clean(exclude=["address_key"])
    site.save()
    service = Service.objects.create(
        site=site,
        organization=organisation,
        category=ServiceCategory.objects.get(code="food_distribution"),
        name=f"Pacchi alimentari - {name}",
        status=Status.PUBLISHED,
    )
    OpeningHours.objects.create(service=service, weekday=1, opens_at=time(9), closes_at=time(12))
    return site


@pytest.fixture
def site_a(org_a):
    return make_site(org_a, "Emporio Alfa", "Via Madama Cristina 150, Torino", 7.6801, 45.0489)


@pytest.fixture
def site_b(org_b):
    return make_site(org_b, "Emporio Beta", "Corso Giulio Cesare 120, Torino", 7.6987, 45.0919)


def client_for(user) -> APIClient:
    """A client sending ``user``'s API token."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def new_site_feature(**properties) -> dict:
    """The flow's proposal: a food distribution in Via Nizza, open Monday mornings."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [NEW_SITE_LON, NEW_SITE_LAT]},
        "properties": {
            "name": "Dispensa solidale Nizza",
            "address": NEW_SITE_ADDRESS,
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
                }
            ],
            **properties,
        },
    }
