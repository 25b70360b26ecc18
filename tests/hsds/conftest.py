"""Records and helpers of the HSDS tests.

`assert_hsds(instance, schema)` validates against the official compiled schemas (jsonschema,
Draft 2020-12, with a referencing Registry of the files in fixtures/hsds-3.0: no network) and
fails with every violation's JSON path and message. `detailed_service` gives one published
service everything the registry can say (weekly, overnight and seasonal hours, closures, public
holidays, languages, target groups, step-free access, phone, capacity) and a second service at
its site; `run_by_organisations` gives every published site an organisation (those the sources
name, then a test organisation for the rest).
"""

from datetime import date, time
from io import StringIO

import pytest
from django.core.management import call_command

from geoplan.hsds import schemas
from geoplan.registry.models import (
    Closure,
    OpeningHours,
    Organization,
    Service,
    ServiceCategory,
    Site,
    Status,
)


def assert_hsds(instance, schema: str, where: str = "") -> None:
    problems = schemas.problems(instance, schema, limit=50)
    assert not problems, f"{where or schema}: {len(problems)} schema violation(s):\n" + "\n".join(
        f"  {p.path}: {p.message}" for p in problems
    )


@pytest.fixture(autouse=True)
def no_recompute_messages(settings):
    """Approvals in these tests never commit; nothing should reach the broker either way."""
    settings.GEOPLAN_RECOMPUTE_ON_CHANGE = False


@pytest.fixture
def detailed_service(db):
    service = (
        Service.objects.published()
        .filter(site__location_precision="building")
        .order_by("pk")
        .first()
    )
    service.languages = ["it", "fr"]
    service.target_groups = ["homeless", "migrants"]
    service.target_groups_note = "uomini soli"
    service.step_free_access = True
    service.phone = "011 123 4567"
    service.email = "info@esempio.example.org"
    service.website = "https://esempio.example.org/servizio"
    service.eligibility = "Con invio dei servizi sociali"
    service.capacity = 40
    service.capacity_unit = "meals"
    service.closed_on_public_holidays = True
    service.save()
    service.schedules.all().delete()
    for weekday in range(1, 6):
        OpeningHours.objects.create(
            service=service, weekday=weekday, opens_at=time(9), closes_at=time(13)
        )
    OpeningHours.objects.create(
        service=service, weekday=3, opens_at=time(20), closes_at=time(7)
    )  # overnight
    OpeningHours.objects.create(
        service=service,
        weekday=6,
        opens_at=time(10),
        closes_at=time(12),
        valid_from=date(2026, 6, 1),
        valid_to=date(2026, 9, 30),
    )
    Closure.objects.create(
        service=service, starts_on=date(2026, 12, 24), ends_on=date(2026, 12, 26), note="Natale"
    )
    category = ServiceCategory.objects.exclude(pk=service.category_id).order_by("pk").first()
    Service.objects.create(
        site=service.site,
        category=category,
        name="Sportello di prova",
        status=Status.PUBLISHED,
        step_free_access=False,
        organization=service.organization,
    )
    return Service.objects.get(pk=service.pk)


@pytest.fixture
def run_by_organisations(db):
    """Every site with a published service run by an organisation, as moderation requires of a
    site: the organisations the sources name, then a test organisation for the others."""
    call_command("load_organisations", stdout=StringIO())
    test_org = Organization.objects.create(name="Ente di prova (test)")
    public_sites = Site.objects.filter(services__in=Service.objects.published()).distinct()
    public_sites.filter(organization__isnull=True).update(organization=test_org)
    for site in public_sites:
        site.services.update(organization=site.organization)
    return test_org
