"""Illustrative organisations and demo accounts carry a visible badge in the portal."""

from django.urls import reverse

from geoplan.accounts.creation import create_account
from geoplan.registry.models import Organization

BADGE = "illustrative / demo"


def test_an_illustrative_organisation_is_labelled(client_a, org_a):
    assert org_a.is_illustrative
    assert BADGE in client_a.get(reverse("partner:index")).content.decode()


def test_a_real_organisation_has_no_badge_but_a_demo_account_does(client, db):
    real = Organization.objects.create(name="Associazione reale (test)")
    user = create_account("real@example.org", "partner", [real.pk], password=None)
    client.force_login(user)
    assert BADGE not in client.get(reverse("partner:index")).content.decode()

    demo = create_account("demo@example.org", "partner", [real.pk], illustrative=True)
    client.force_login(demo)
    page = client.get(reverse("partner:index")).content.decode()
    assert BADGE in page and "demo account" in page
