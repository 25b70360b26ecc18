"""Warnings and errors name another organisation's site only when it is public; moderators see
every site in their review."""

from geoplan.moderation.proposal import ProposalError, clean_proposal
from geoplan.moderation.workflow import propose, review_warnings
from geoplan.registry.models import Organization, Service, ServiceCategory, Site
from tests.conftest import new_site_proposal


def _private_site_of_b(org_b, **values):
    site = Site.objects.create(
        name="Casa riservata di B",
        address="Via Nizza 98, Torino",
        geom="SRID=4326;POINT(7.67452 45.04952)",
        location_precision="building",
        organization=org_b,
        **values,
    )
    Service.objects.create(
        site=site,
        name="Servizio in bozza",
        category=ServiceCategory.objects.get(code="food_distribution"),
        status="draft",
        organization=org_b,
    )
    return site


def test_a_similar_unpublished_site_nearby_is_not_named_to_the_partner(partner_a, org_b):
    _private_site_of_b(org_b)
    change = propose(partner_a, new_site_proposal(name="Casa riservata di B"))
    assert not any("Casa riservata" in w["message"] for w in change.warnings)
    assert any("Casa riservata" in w["message"] for w in review_warnings(change))


def test_an_address_taken_by_an_unpublished_site_is_refused_without_its_name(partner_a, org_b):
    _private_site_of_b(org_b)
    raw = new_site_proposal(address="Via Nizza 98, Torino")
    try:
        clean_proposal(raw, {Organization.objects.get(name__startswith="Organisation A").pk})
    except ProposalError as exc:
        message = exc.errors["site.address"][0]
    assert "already the address of a registered site" in message
    assert "Casa riservata" not in message
