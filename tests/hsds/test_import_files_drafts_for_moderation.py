"""`manage.py import_hsds FILE --submitted-by EMAIL` files each location of another directory's
HSDS file as a pending change request for a new site (source "HSDS import"); organisations are
created or matched by name; nothing is public until another moderator approves."""

import json
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from geoplan.hsds.models import ImportedLocation, ImportedOrganization
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.workflow import approve
from geoplan.registry.models import Organization, Site
from tests.hsds import foreign


@pytest.fixture
def importer(db):
    from geoplan.accounts.creation import create_account

    return create_account("ivo@comune.example.org", "moderator", password="Import-pass-2026")


def run(tmp_path, document, *args) -> str:
    path = tmp_path / "directory.json"
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    out = StringIO()
    call_command(
        "import_hsds", str(path), "--submitted-by", "ivo@comune.example.org", *args, stdout=out
    )
    return out.getvalue()


def public_names(client, path):
    return {item["name"] for item in client.get(path, {"per_page": 500}).json()["contents"]}


def test_a_location_becomes_one_pending_request(client, tmp_path, importer, moderator):
    output = run(tmp_path, foreign.directory())

    change = ChangeRequest.objects.get(source=ChangeRequest.Source.IMPORT)
    assert change.status == ChangeRequest.Status.PENDING
    assert change.creates_site and change.submitted_by == importer
    org = Organization.objects.get(name="Associazione di prova (test)")
    assert change.organization == org and org.website == "https://associazione.example.org"
    site = change.payload["site"]
    assert site == {
        "name": "Punto cibo di prova",
        "address": "Via Nizza 100, 10126 Torino",
        "location": {"lon": 7.6745, "lat": 45.0495},
        "organization": org.pk,
    }
    (service,) = change.payload["services"]
    assert (service["category"], service["name"]) == ("food_distribution", "Pacchi alimentari")
    assert service["phone"] == "011 555 0101" and service["languages"] == ["en"]
    assert service["target_groups"] == ["families"]
    assert [(h["weekday"], h["opens_at"], h["closes_at"]) for h in service["hours"]] == [
        (1, "09:00", "12:30"),
        (3, "09:00", "12:30"),
        (5, "09:00", "12:30"),
    ]
    assert ImportedLocation.objects.get(
        change_request=change
    ).hsds_id.hex == foreign.LOCATION.replace("-", "")
    assert "1 change request(s) filed for review; organisations: 1 created, 0 matched" in output
    assert "status “inactive”, not imported" in output
    assert "a virtual location, not a place on the map" in output
    assert "language “pl” is not in geoplan's list, left out" in output
    assert "not a weekly rule, left out" in output

    # Nothing is public yet, not even the organisation.
    assert "Associazione di prova (test)" not in public_names(client, "/api/hsds/organizations")
    assert "Pacchi alimentari" not in public_names(client, "/api/hsds/services")
    # The moderator who ran the import cannot approve it; another one can.
    with pytest.raises(PermissionDenied):
        approve(change.pk, importer)
    approve(change.pk, moderator)
    assert "Pacchi alimentari" in public_names(client, "/api/hsds/services")
    assert "Associazione di prova (test)" in public_names(client, "/api/hsds/organizations")


def test_an_import_again_files_nothing_twice(tmp_path, importer):
    run(tmp_path, foreign.directory())
    output = run(tmp_path, foreign.directory())
    assert ChangeRequest.objects.filter(source=ChangeRequest.Source.IMPORT).count() == 1
    assert Organization.objects.filter(name="Associazione di prova (test)").count() == 1
    assert "0 change request(s) filed for review; organisations: 0 created, 0 matched" in output
    change = ChangeRequest.objects.get(source=ChangeRequest.Source.IMPORT)
    assert f"filed already as change request #{change.pk} (pending review)" in output


def test_an_organisation_of_the_same_name_is_matched(tmp_path, importer):
    existing = Organization.objects.create(name="ASSOCIAZIONE DI PROVA (TEST)")
    run(tmp_path, foreign.directory())
    assert ChangeRequest.objects.get(source=ChangeRequest.Source.IMPORT).organization == existing
    assert ImportedOrganization.objects.get(hsds_id=foreign.ORG).created is False


def test_a_registered_address_is_skipped(tmp_path, importer):
    site = Site.objects.located().order_by("pk").first()
    document = foreign.directory()
    street, _sep, _city = site.address.rpartition(", ")
    document[0]["locations"][0]["addresses"][0].update(address_1=street, postal_code="")
    output = run(tmp_path, document)
    assert not ChangeRequest.objects.filter(source=ChangeRequest.Source.IMPORT).exists()
    assert f"is already the address of “{site.name}”" in output


def test_illustrative_services_are_not_imported(tmp_path, importer):
    from geoplan.hsds.taxonomies import DETAILS

    document = foreign.directory()
    document[0]["services"][0]["attributes"].append(
        {
            "id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a20",
            "taxonomy_term_id": DETAILS.term_id("illustrative"),
            "value": "true",
        }
    )
    output = run(tmp_path, document)
    assert not ChangeRequest.objects.filter(source=ChangeRequest.Source.IMPORT).exists()
    assert "an illustrative example, not imported" in output


def test_a_dry_run_stores_nothing(tmp_path, importer):
    output = run(tmp_path, foreign.directory(), "--dry-run")
    assert output.startswith("Dry run: nothing stored.")
    assert "1 change request(s) filed" in output
    assert not ChangeRequest.objects.filter(source=ChangeRequest.Source.IMPORT).exists()
    assert not Organization.objects.filter(name="Associazione di prova (test)").exists()
