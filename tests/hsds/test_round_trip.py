"""Export, empty the registry, import, approve: the same organisations, sites (name, address,
coordinates within 1e-6°) and services with their hours, closures and details as before.

The registry is emptied inside the test's transaction; the import is filed by one moderator and
approved through moderation.workflow by another, as in production.
"""

import json
from io import StringIO

from django.core.management import call_command

from geoplan.hsds.public import organisation_of
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import approve
from geoplan.registry.models import Organization, Service, Site

SERVICE_FIELDS = (
    "description",
    "capacity",
    "capacity_unit",
    "target_groups_note",
    "step_free_access",
    "eligibility",
    "phone",
    "email",
    "website",
    "closed_on_public_holidays",
    "is_illustrative",
)


def public_registry() -> dict:
    """address -> the site and its published services, as the public sees them."""
    sites: dict[str, dict] = {}
    services = (
        Service.objects.published()
        .select_related("site__organization", "organization", "category")
        .prefetch_related("schedules", "closures")
    )
    for service in services:
        site = service.site
        entry = sites.setdefault(
            site.address,
            {
                "name": site.name,
                "lon": site.geom.x,
                "lat": site.geom.y,
                "organisation": site.organization.name,
                "services": {},
            },
        )
        entry["services"][(service.category.code, service.name)] = {
            **{name: getattr(service, name) for name in SERVICE_FIELDS},
            "organisation": organisation_of(service).name,
            "target_groups": sorted(service.target_groups),
            "languages": sorted(service.languages),
            "hours": sorted(
                (h.weekday, h.opens_at, h.closes_at, h.valid_from, h.valid_to)
                for h in service.schedules.all()
            ),
            "closures": sorted((c.starts_on, c.ends_on, c.note) for c in service.closures.all()),
        }
    return sites


def test_export_then_import_gives_the_same_directory(
    client, tmp_path, detailed_service, run_by_organisations, moderator
):
    from geoplan.accounts.creation import create_account

    importer = create_account("ivo@comune.example.org", "moderator", password="Import-pass-2026")
    before = public_registry()
    organisations = set(
        Organization.objects.filter(sites__services__in=Service.objects.published()).values_list(
            "name", flat=True
        )
    )
    assert len(before) > 20
    assert sum(len(s["services"]) for s in before.values()) == Service.objects.published().count()
    export = client.get("/api/hsds/export.json").content
    (tmp_path / "export.json").write_bytes(export)

    Site.objects.all().delete()
    Organization.objects.all().delete()
    assert not Service.objects.exists() and not public_registry()

    out = StringIO()
    call_command(
        "import_hsds",
        str(tmp_path / "export.json"),
        "--submitted-by",
        importer.email,
        stdout=out,
    )
    changes = ChangeRequest.objects.filter(source=ChangeRequest.Source.IMPORT)
    assert changes.count() == len(before), out.getvalue()
    assert not Service.objects.exists()  # nothing public before a moderator approves
    for change in changes:
        approve(change.pk, moderator)

    after = public_registry()
    assert set(after) == set(before)
    for address, site in before.items():
        again = after[address]
        assert abs(again.pop("lon") - site.pop("lon")) < 1e-6, address
        assert abs(again.pop("lat") - site.pop("lat")) < 1e-6, address
        assert again == site, address
    assert set(Organization.objects.values_list("name", flat=True)) == organisations
    assert len(json.loads(export)["contents"]) == sum(len(s["services"]) for s in after.values())
