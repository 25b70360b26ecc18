"""A partner sees only its own organisations' records: any other id is answered 404, and it
cannot confirm, submit or withdraw what belongs to another organisation."""

import pytest
from django.urls import reverse

from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import propose

from .posts import new_site_post


@pytest.fixture
def change_of_a(partner_a, site_of_a):
    return propose(
        partner_a, {"site": {"name": "Barrito, Casa del Quartiere"}}, site_of_a, submit=False
    )


def test_partner_b_gets_404_on_the_pages_of_a(client_b, site_of_a, service_of_a, change_of_a):
    for name, pk in [
        ("partner:site", site_of_a.pk),
        ("partner:site_edit", site_of_a.pk),
        ("partner:service_new", site_of_a.pk),
        ("partner:service_edit", service_of_a.pk),
        ("partner:change", change_of_a.pk),
        ("partner:change_edit", change_of_a.pk),
    ]:
        assert client_b.get(reverse(name, args=[pk])).status_code == 404, name


def test_partner_b_cannot_post_to_the_records_of_a(client_b, site_of_a, service_of_a, change_of_a):
    before = service_of_a.last_verified
    assert (
        client_b.post(reverse("partner:service_verify", args=[service_of_a.pk])).status_code == 404
    )
    service_of_a.refresh_from_db()
    assert service_of_a.last_verified == before

    for name in ("partner:change_submit", "partner:change_withdraw"):
        assert client_b.post(reverse(name, args=[change_of_a.pk])).status_code == 404
    change_of_a.refresh_from_db()
    assert change_of_a.status == ChangeRequest.Status.DRAFT

    assert client_b.post(reverse("partner:site_edit", args=[site_of_a.pk]), {}).status_code == 404
    assert list(ChangeRequest.objects.all()) == [change_of_a]


def test_partner_b_cannot_file_a_site_for_organisation_a(client_b, org_a, org_b):
    client_b.post(reverse("partner:site_new"), new_site_post(**{"site-organization": org_a.pk}))
    assert not ChangeRequest.objects.filter(organization=org_a).exists()
    assert ChangeRequest.objects.get().organization == org_b


def test_lists_show_only_the_partners_own_records(client_b, site_of_a, change_of_a):
    for url in (reverse("partner:index"), reverse("partner:changes")):
        page = client_b.get(url).content.decode()
        assert site_of_a.name not in page
        assert f"#{change_of_a.pk} " not in page
