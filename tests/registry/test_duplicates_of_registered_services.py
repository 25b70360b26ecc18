from django.core.management import call_command

from geoplan.registry.duplicates import ATTACHED, DUPLICATE
from geoplan.registry.models import Service, Site
from geoplan.registry.site_import import import_sites

from .more_sites import MORE_SITES_CSV, MORE_SITES_TEXT, csv_text, row_from_file


def test_a_service_already_registered_under_another_street_name_is_reported_not_imported(db):
    assert not Service.objects.filter(name__startswith="Mensa estiva via Ghedini").exists()
    assert Service.objects.filter(name="Mensa comunale via Ghedini").count() == 1
    result = import_sites(MORE_SITES_TEXT)
    (duplicate,) = result.duplicates
    assert (duplicate.line, duplicate.kind) == (16, DUPLICATE)
    assert duplicate.name == "Mensa estiva via Ghedini (casa di ospitalità)"
    assert duplicate.matched.name == "Mensa comunale via Ghedini"
    assert duplicate.matched.address == "Via Ghedini 6, Torino"


def test_another_service_of_a_registered_place_is_attached_to_its_site(db):
    shelter_site = Site.objects.get(address="Via Ormea 119, Torino")
    canteen = Service.objects.get(name="Asili Notturni Umberto I - mensa serale")
    assert canteen.site == shelter_site and canteen.category.code == "food_distribution"
    assert not Site.objects.filter(address="Via Ormea, Torino").exists()
    result = import_sites(MORE_SITES_TEXT)
    (attached,) = result.attached
    assert (attached.line, attached.kind) == (15, ATTACHED)
    assert attached.matched.address == "Via Ormea 119, Torino"


def test_different_places_on_the_same_street_are_not_taken_for_duplicates(db):
    # Two winter shelters on Corso Casale, no house number, other names than the Caritas
    # shelter at Corso Casale 396: all three are kept.
    assert Service.objects.filter(site__address__startswith="Corso Casale").count() == 3


def test_the_command_lists_each_duplicate_with_its_line_and_match(db, capsys):
    call_command("import_sites", str(MORE_SITES_CSV))
    out = capsys.readouterr().out
    assert "1 duplicate(s), 1 attached" in out
    assert (
        "line 16: Mensa estiva via Ghedini (casa di ospitalità) (Via Giorgio Ghedini 6, Torino) "
        "is already registered as Mensa comunale via Ghedini" in out
    )
    assert "line 15: Asili Notturni Umberto I - mensa serale (Via Ormea, Torino)" in out
    assert "attached to the site Asilo notturno Umberto I (Via Ormea 119, Torino)" in out


def test_the_same_category_at_the_same_street_and_number_is_a_duplicate_whatever_its_name(db):
    row = row_from_file("Mensa del Povero", name="Refettorio", address="Via Osoppo 51, Torino")
    row["category"] = "night_shelter"
    before = Service.objects.count()
    result = import_sites(csv_text(row))
    assert [d.matched.name for d in result.duplicates] == [
        "Casa di prima accoglienza notturna via Osoppo"
    ]
    assert Service.objects.count() == before
