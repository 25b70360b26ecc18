"""A draft (and a new site still waiting for review) can be edited: the form opens with its
values, and saving replaces them."""

from django.urls import reverse

from geoplan.moderation.models import ChangeRequest

from .posts import SITE_NEW, new_site_post


def test_editing_a_new_site_draft_then_submitting(client_a):
    client_a.post(SITE_NEW, new_site_post(action="draft"))
    change = ChangeRequest.objects.get()
    url = reverse("partner:change_edit", args=[change.pk])
    page = client_a.get(url).content.decode()
    assert 'value="Punto cibo Nizza"' in page
    assert 'value="15:00"' in page and 'value="Natale"' in page

    client_a.post(url, new_site_post(**{"site-name": "Punto cibo Nizza 2"}))
    change.refresh_from_db()
    assert change.payload["site"]["name"] == "Punto cibo Nizza 2"
    assert change.status == ChangeRequest.Status.PENDING


def test_a_pending_update_can_be_revised_and_a_decided_one_cannot(
    client_a, partner_a, site_of_a, moderator
):
    from geoplan.moderation.workflow import approve, propose

    change = propose(partner_a, {"site": {"name": "Barrito!"}}, site_of_a)
    page = client_a.get(reverse("partner:change_edit", args=[change.pk]))
    assert page.status_code == 200
    assert 'value="Barrito!"' in page.content.decode()
    approve(change.pk, moderator)
    response = client_a.get(reverse("partner:change_edit", args=[change.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("partner:change", args=[change.pk])


def test_an_update_draft_opens_with_the_current_values_and_the_proposed_ones(
    client_a, partner_a, service_of_a
):
    from geoplan.moderation.workflow import propose

    change = propose(
        partner_a,
        {"services": [{"id": service_of_a.pk, "name": "Nuovo nome"}]},
        service_of_a.site,
        submit=False,
    )
    page = client_a.get(reverse("partner:change_edit", args=[change.pk])).content.decode()
    assert 'value="Nuovo nome"' in page
    assert "site-name" not in page  # the site is not part of this request
