"""Accounts in the admin: roles, organisations and the illustrative marker; memberships and the
profile edited on the account's page."""

from geoplan.accounts.creation import create_account
from geoplan.accounts.models import Membership


def test_accounts_show_their_role_organisation_and_illustrative_marker(client, planner, org_a):
    demo = create_account(
        "esempio@example.org", "partner", [org_a.pk], password="Esempio-2026", illustrative=True
    )
    client.force_login(planner)
    listing = client.get("/admin/auth/user/?q=esempio")
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "esempio@example.org" in html and org_a.name in html
    assert "partner organisation" in html and 'class="illustrative"' in html
    assert [
        u.pk for u in client.get("/admin/auth/user/?illustrative=yes").context["cl"].result_list
    ] == [demo.pk]
    page = client.get(f"/admin/auth/user/{demo.pk}/change/")
    assert page.status_code == 200
    prefixes = {inline.formset.prefix for inline in page.context["inline_admin_formsets"]}
    assert prefixes == {"profile", "memberships"}


def test_a_moderator_adds_a_partner_to_an_organisation_but_not_any_account(
    client, moderator, partner_a, org_b
):
    client.force_login(moderator)
    form = client.get("/admin/accounts/membership/add/")
    assert form.status_code == 200
    choices = set(form.context["adminform"].form.fields["user"].queryset)
    assert partner_a in choices and moderator not in choices
    response = client.post(
        "/admin/accounts/membership/add/", {"user": partner_a.pk, "organization": org_b.pk}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=partner_a, organization=org_b).exists()
    # Accounts themselves are the administrators' business.
    assert client.get("/admin/auth/user/").status_code == 403


def test_every_registry_record_has_its_history_page(client, planner, org_a):
    from geoplan.registry.models import Closure, OpeningHours, Service, Site

    service = Service.objects.first()
    hours = OpeningHours.objects.create(
        service=service, weekday=1, opens_at="09:00", closes_at="12:00"
    )
    closure = Closure.objects.create(service=service, starts_on="2026-08-10", ends_on="2026-08-20")
    client.force_login(planner)
    for path in (
        f"/admin/registry/organization/{org_a.pk}/history/",
        f"/admin/registry/site/{Site.objects.first().pk}/history/",
        f"/admin/registry/service/{service.pk}/history/",
        f"/admin/registry/openinghours/{hours.pk}/history/",
        f"/admin/registry/closure/{closure.pk}/history/",
    ):
        assert client.get(path).status_code == 200, path
