"""Values of the wrong type, too many or too large are refused with a sentence (never a server
error), and a service cannot be renamed onto another one of its site."""

from datetime import date, timedelta

import pytest

from geoplan.moderation.proposal import ProposalError, clean_proposal
from geoplan.moderation.workflow import propose
from geoplan.registry.models import Service, ServiceCategory, Site
from tests.conftest import new_site_proposal


def _service(**values):
    raw = new_site_proposal()
    raw["services"][0].update(values)
    return raw


@pytest.mark.parametrize(
    ("raw", "path"),
    [
        (_service(languages=[{}]), "services.0.languages"),
        (_service(languages=[["it"]]), "services.0.languages"),
        (_service(target_groups=[{"a": 1}]), "services.0.target_groups"),
        (_service(category=["food_distribution"]), "services.0.category"),
        (_service(capacity=10**30, capacity_unit="beds"), "services.0.capacity"),
        (_service(name="Nul\x00"), "services.0.name"),
        (new_site_proposal(location={"lon": 10**400, "lat": 45.05}), "site.location"),
        (new_site_proposal(location={"lon": float("nan"), "lat": 45.05}), "site.location"),
        (
            _service(closures=[{"starts_on": "2027-01-01", "ends_on": "2027-01-01"}] * 61),
            "services.0.closures",
        ),
    ],
)
def test_it_refuses(partner_a, org_a, raw, path):
    with pytest.raises(ProposalError) as caught:
        clean_proposal(raw, {org_a.pk})
    assert path in caught.value.errors


def test_hours_too_many_to_store_are_refused(org_a):
    # Every range in a season of its own: each becomes a rule of the OSM string.
    hours = [
        {"weekday": w, "opens_at": f"{h:02d}:00", "closes_at": f"{h:02d}:30",
         "valid_from": (date(2027, 1, 1) + timedelta(days=20 * w + h)).isoformat(),
         "valid_to": "2027-12-31"}
        for w in range(1, 8) for h in range(8, 18)
    ]  # fmt: skip
    with pytest.raises(ProposalError) as caught:
        clean_proposal(_service(hours=hours), {org_a.pk})
    assert "too many to store" in caught.value.errors["services.0.hours"][0]


def test_a_service_cannot_be_renamed_onto_another_of_its_site(partner_a, org_a):
    site = Site.objects.located().first()
    Site.objects.filter(pk=site.pk).update(organization=org_a)
    site.refresh_from_db()
    category = ServiceCategory.objects.get(code="food_distribution")
    first = Service.objects.create(site=site, category=category, name="Pacchi A")
    Service.objects.create(site=site, category=category, name="Pacchi B")
    with pytest.raises(ProposalError) as caught:
        propose(partner_a, {"services": [{"id": first.pk, "name": "Pacchi B"}]}, site)
    assert any(
        "already has a “Pacchi B” service" in m for ms in caught.value.errors.values() for m in ms
    )
