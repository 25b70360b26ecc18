"""A bad HSDS file is refused whole, each problem naming its record and field, and nothing is
stored: not JSON, the wrong shape, an object the schemas refuse, a point outside Turin, an
unknown category, a time that is not HH:MM; and only a moderator may file an import."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from geoplan.hsds.models import ImportedOrganization
from geoplan.moderation.models import ChangeRequest
from geoplan.registry.models import Organization
from tests.hsds import foreign


@pytest.fixture
def importer(db):
    from geoplan.accounts.creation import create_account

    return create_account("ivo@comune.example.org", "moderator", password="Import-pass-2026")


def refused(tmp_path, document, email="ivo@comune.example.org") -> str:
    path = tmp_path / "directory.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    organisations = Organization.objects.count()
    with pytest.raises(CommandError) as refusal:
        call_command("import_hsds", str(path), "--submitted-by", email, stdout=StringIO())
    assert Organization.objects.count() == organisations
    assert not ChangeRequest.objects.filter(source=ChangeRequest.Source.IMPORT).exists()
    assert not ImportedOrganization.objects.exists()
    return str(refusal.value)


def food(document):
    return document[0]["services"][0]


def test_not_json(tmp_path, importer):
    message = refused(tmp_path, '{"contents": [')
    assert "nothing stored" in message
    assert "The file is not JSON: Expecting value (line 1, column 15)." in message


def test_the_wrong_shape(tmp_path, importer):
    assert "is not an HSDS Page of services" in refused(tmp_path, {"services": 3})


def test_an_object_the_schema_refuses(tmp_path, importer):
    document = foreign.directory()
    document[0]["locations"][0]["latitude"] = "45.05"
    food(document)["status"] = "open"
    message = refused(tmp_path, document)
    organisation = f"organisation “Associazione di prova (test)” ({foreign.ORG})"
    assert f"{organisation}: $.locations[0].latitude: '45.05' is not of type 'number'" in message
    assert "$.services[0].status: 'open' is not one of" in message


def test_a_point_outside_turin(tmp_path, importer):
    document = foreign.directory()
    document[0]["locations"][0].update(latitude=45.0, longitude=7.55)  # Orbassano's side
    message = refused(tmp_path, document)
    assert f"location “Punto cibo di prova” ({foreign.LOCATION}): latitude/longitude:" in message
    assert "is outside the City of Turin" in message


def test_an_unknown_category(tmp_path, importer):
    document = foreign.directory()
    food(document)["attributes"][0] = foreign.category(
        "bakery", "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a30"
    )
    message = refused(tmp_path, document)
    assert (
        f"service “Pacchi alimentari” ({foreign.FOOD}): attributes: unknown category “bakery”"
        in message
    )


def test_no_category(tmp_path, importer):
    document = foreign.directory()
    del food(document)["attributes"][0]
    message = refused(tmp_path, document)
    assert (
        "attributes: no category; give one term of the taxonomy “geoplan service categories”"
        in message
    )


def test_a_time_that_is_not_hh_mm(tmp_path, importer):
    document = foreign.directory()
    food(document)["schedules"][0]["opens_at"] = "09:00+01:00"
    message = refused(tmp_path, document)
    assert (
        "schedule 5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a14: opens_at: “09:00+01:00” is not a time"
        in message
    )


def test_one_bad_location_stores_nothing_of_the_good_ones(tmp_path, importer):
    document = foreign.directory()
    second = foreign.food_service()
    second.update(id="5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a40", name="Seconda sede")
    outside = foreign.location(
        id="5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a42", latitude=46.0, name="Fuori città"
    )
    outside["addresses"][0]["address_1"] = "Via Nizza 200"
    second["service_at_locations"] = [
        {"id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a41", "location": outside}
    ]
    document[0]["services"].append(second)
    assert "location “Fuori città”" in refused(tmp_path, document)


def test_a_problem_of_the_proposal_names_the_hsds_field(tmp_path, importer):
    document = foreign.directory()
    food(document)["phones"][0]["number"] = "call us"
    message = refused(tmp_path, document)
    assert f"service “Pacchi alimentari” ({foreign.FOOD}): phones: A phone number has" in message


def test_only_a_moderator_files_an_import(tmp_path, partner_a):
    message = refused(tmp_path, foreign.directory(), email=partner_a.email)
    assert (
        message
        == "anna@a.example.org is not a moderator: HSDS imports are filed by city moderators."
    )
    assert "No active account has the e-mail nobody@example.org." in refused(
        tmp_path, foreign.directory(), email="nobody@example.org"
    )
