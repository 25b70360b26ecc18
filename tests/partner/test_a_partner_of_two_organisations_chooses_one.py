"""A partner of several organisations says which one runs a new site; the choice offers only
its own organisations."""

import pytest

from geoplan.accounts.creation import create_account
from geoplan.moderation.models import ChangeRequest
from geoplan.registry.models import Organization

from .posts import SITE_NEW, new_site_post


@pytest.fixture
def client_ab(client, org_a, org_b):
    user = create_account("carla@ab.example.org", "partner", [org_a.pk, org_b.pk], password=None)
    client.force_login(user)
    return client


def test_the_form_offers_both_organisations_and_no_other(client_ab, org_a, org_b):
    other = Organization.objects.create(name="Terza associazione (test)")
    page = client_ab.get(SITE_NEW).content.decode()
    assert 'name="site-organization"' in page
    assert org_a.name in page and org_b.name in page
    assert other.name not in page


def test_without_a_choice_it_asks_for_one(client_ab):
    response = client_ab.post(SITE_NEW, new_site_post())
    assert response.status_code == 400
    assert not ChangeRequest.objects.exists()
    field = response.content.decode().split('id="id_site-organization_error"')[1]
    assert "Say which of your organisations runs this site." in field.split("</div>")[0]


def test_the_site_is_filed_for_the_chosen_organisation(client_ab, org_b):
    client_ab.post(SITE_NEW, new_site_post(**{"site-organization": str(org_b.pk)}))
    change = ChangeRequest.objects.get()
    assert change.organization == org_b
    assert change.payload["site"]["organization"] == org_b.pk
