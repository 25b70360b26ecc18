"""The portal's test set-up: the personas of tests/conftest.py (partner_a of organisation A,
partner_b of organisation B, a moderator), logged in, and a real Turin site (with its service)
handed to organisation A."""

import pytest

from geoplan.registry.models import Site

# A neighbourhood house on Via Tepice, loaded with the real Turin sites.
SITE_OF_A = "Barrito - Casa del Quartiere Nizza Millefonti"


@pytest.fixture
def site_of_a(org_a):
    assert Site.objects.filter(name=SITE_OF_A).update(organization=org_a) == 1
    return Site.objects.get(name=SITE_OF_A)


@pytest.fixture
def service_of_a(site_of_a):
    service = site_of_a.services.first()
    assert service is not None
    return service


@pytest.fixture
def client_a(client, partner_a):
    client.force_login(partner_a)
    return client


@pytest.fixture
def client_b(client, partner_b):
    client.force_login(partner_b)
    return client
