import csv
import io

import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from geoplan.registry.models import LocationPrecision, Service, Site, Status
from geoplan.registry.site_import import COLUMNS, ImportRejected, import_sites
from tests.conftest import SITES_CSV

HEADER = SITES_CSV.read_text(encoding="utf-8").splitlines()[0] + "\n"


def snapshot():
    return (
        sorted(Site.objects.values_list("address_key", "geom", "location_precision")),
        sorted(Service.objects.values_list("name", "status", "capacity")),
    )


def test_it_imports_the_real_sites_and_counts_how_each_was_located(empty_registry):
    result = import_sites(SITES_CSV.read_text(encoding="utf-8"))
    assert result.rows == 38
    # 35 distinct addresses: 4 with coordinates in the file, 26 placed on their street,
    # 5 whose street (squares, pedestrian streets) is not in the network.
    assert (result.building, result.street, result.unlocated) == (4, 26, 5)
    assert Site.objects.count() == 35 and Service.objects.count() == 38
    unlocated = Site.objects.needing_location()
    assert {s.address for s in unlocated} == {
        "Via Panetti 1, Torino",
        "Piazza Eugenio Montale 18/a, Torino",
        "Via Cappel Verde 6, Torino",
        "Piazza Benefica, Torino",
        "Piazza Foroni, Torino",
    }
    assert not Service.objects.filter(site__in=unlocated, status=Status.PUBLISHED).exists()
    assert all(s.location_precision == LocationPrecision.NONE for s in unlocated)


def test_a_site_with_coordinates_in_the_file_keeps_them_at_building_level(db):
    site = Site.objects.get(address="Piazza Gran Madre di Dio 4, Torino")
    assert site.location_precision == LocationPrecision.BUILDING
    assert (site.geom.x, site.geom.y) == (7.69887, 45.06218)
    assert site.zone is not None and site.circoscrizione is not None


def test_a_short_street_name_is_placed_on_the_full_street(db):
    site = Site.objects.get(address="Via Carrera 181, Torino")
    assert site.location_precision == LocationPrecision.STREET
    assert "Via Valentino Carrera" in site.location_note


def test_rows_at_one_address_become_one_site_with_several_services(db):
    site = Site.objects.get(address="Via Oddino Morgari 14, Torino")
    assert sorted(site.services.values_list("category__code", flat=True)) == [
        "food_distribution",
        "neighbourhood_house",
    ]


def test_a_second_import_changes_nothing(db):
    before = snapshot()
    result = import_sites(SITES_CSV.read_text(encoding="utf-8"))
    assert result.sites == {"created": 0, "updated": 0, "unchanged": 35}
    assert result.services == {"created": 0, "updated": 0, "unchanged": 38}
    assert snapshot() == before


def test_a_location_set_by_hand_survives_a_reimport(db):
    site = Site.objects.get(address="Via Panetti 1, Torino")
    site.geom = Point(7.6843, 45.0498, srid=4326)
    site.location_precision = LocationPrecision.BUILDING
    site.save()
    import_sites(SITES_CSV.read_text(encoding="utf-8"))
    site.refresh_from_db()
    assert site.location_precision == LocationPrecision.BUILDING
    assert site.geom.equals_exact(Point(7.6843, 45.0498, srid=4326), 1e-9)


ROW = '{name},{category},"{address}",{lat},{lon},,,,everyone,,2025,https://example.org/x,\n'


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"lat": "45.4642", "lon": "9.19"}, "outside the City of Turin"),
        ({"category": "soup_kitchen"}, "unknown category 'soup_kitchen'"),
        ({"lat": "45.07", "lon": ""}, "give both lat and lon"),
        ({"lat": "north", "lon": "7.6"}, "are not numbers"),
        ({"name": ""}, "name is empty"),
    ],
)
def test_it_rejects_a_bad_row_with_its_line_and_changes_nothing(db, fields, reason):
    good = {"name": "Casa X", "category": "social_desk", "address": "Via Nizza 1, Torino"}
    good |= {"lat": "", "lon": ""}
    bad = good | {"address": "Via Po 1, Torino"} | fields
    before = snapshot()
    with pytest.raises(ImportRejected) as exc:
        import_sites(HEADER + ROW.format(**good) + ROW.format(**bad))
    assert exc.value.errors[0].line == 3
    assert reason in exc.value.errors[0].reason
    assert snapshot() == before


def test_it_rejects_a_file_without_the_expected_columns(db):
    with pytest.raises(ImportRejected, match="missing column"):
        import_sites("name,address\nX,Via Po 1\n")


def test_the_command_prints_located_and_unlocated_counts(db, capsys):
    call_command("import_sites", str(SITES_CSV))
    out = capsys.readouterr().out
    assert "located 30 (building 4, street 26), unlocated 5" in out


def test_the_command_refuses_a_bad_file_with_the_reason(db, tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(
        HEADER
        + ROW.format(name="Far", category="social_desk", address="Via X", lat=41.9, lon=12.5),
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="line 2: .*outside the City of Turin"):
        call_command("import_sites", str(path))


# Rows built field by field, for the checks below; quoting is left to the csv module.
PLACE = {"lat": "45.0712", "lon": "7.6858"}
GOOD = {"name": "Sportello buono", "address": "Via Nizza 1, Torino"} | PLACE
BAD = {"name": "Sportello X", "address": "Via Po 1, Torino"} | PLACE


def csv_text(*rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({"category": "social_desk", "as_of": "2025"} | row)
    return out.getvalue()


def rejection(**fields):
    """The one reason the file is refused for when line 3 has these fields; nothing changed."""
    before = snapshot()
    with pytest.raises(ImportRejected) as exc:
        import_sites(csv_text(GOOD, BAD | fields))
    assert snapshot() == before
    [error] = exc.value.errors
    assert error.line == 3
    return error.reason


def test_it_rejects_a_name_longer_than_200_characters(db):
    assert "name is longer than 200 characters" in rejection(name="n" * 201)


def test_it_accepts_a_name_of_exactly_200_characters(db):
    import_sites(csv_text(GOOD | {"name": "n" * 200}))
    assert Service.objects.filter(name="n" * 200).exists()


def test_it_rejects_an_address_longer_than_300_characters(db):
    assert "address is longer than 300 characters" in rejection(address="Via Po " + "1" * 294)


def test_it_rejects_a_capacity_unit_longer_than_50_characters(db):
    reason = rejection(capacity="10", capacity_unit="u" * 51)
    assert "capacity_unit is longer than 50 characters" in reason


def test_it_rejects_opening_hours_longer_than_300_characters(db):
    assert "hours_text is longer than 300 characters" in rejection(hours_text="h" * 301)


def test_it_rejects_target_groups_longer_than_300_characters(db):
    reason = rejection(target_group="adults; " + "g" * 301)
    assert "target groups 'ggg" in reason and "longer than 300 characters" in reason


def test_it_rejects_a_source_url_longer_than_500_characters(db):
    reason = rejection(source_url="https://example.org/" + "p" * 481)
    assert "source_url is longer than 500 characters" in reason


def test_it_rejects_a_source_url_that_is_not_a_valid_web_address(db):
    reason = rejection(source_url="https://exa mple.org/x")
    assert reason == "source_url 'https://exa mple.org/x' is not a valid web address"


def test_a_row_refused_while_saving_rejects_the_file_with_its_line_and_changes_nothing(db):
    # Over the database's integer range: only the model's own validation catches it.
    reason = rejection(capacity="99999999999", capacity_unit="beds")
    assert reason.startswith("capacity: Ensure this value is less than or equal to")


def test_the_command_reports_a_row_refused_while_saving_as_a_rejection(db, tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(csv_text(GOOD, BAD | {"capacity": "99999999999", "capacity_unit": "beds"}))
    before = snapshot()
    with pytest.raises(CommandError, match="nothing imported .*\nline 3: capacity: Ensure"):
        call_command("import_sites", str(path))
    assert snapshot() == before


def test_it_rejects_a_duplicate_row_with_the_line_of_the_first(db):
    # The same address written differently is still the same address.
    reason = rejection(name=GOOD["name"], address="via  nizza 1")
    assert reason == "duplicate of line 2 (same address, category and name)"


def test_the_same_name_at_the_same_address_in_another_category_is_not_a_duplicate(db):
    result = import_sites(csv_text(GOOD, GOOD | {"category": "food_distribution"}))
    assert result.services["created"] == 2


# Far over the csv module's field limit (131,072 characters): the reader itself gives up.
HUGE_NOTE = "n" * 140_000


def test_it_rejects_a_file_the_csv_module_cannot_read_with_the_line(db):
    before = snapshot()
    with pytest.raises(ImportRejected) as exc:
        import_sites(csv_text(GOOD, BAD | {"note": HUGE_NOTE}))
    [error] = exc.value.errors
    assert error.line == 3
    assert error.reason.startswith("the file cannot be read as CSV: field larger than field limit")
    assert snapshot() == before


def test_the_command_refuses_a_file_the_csv_module_cannot_read(db, tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text(csv_text(GOOD, BAD | {"note": HUGE_NOTE}), encoding="utf-8")
    with pytest.raises(CommandError, match="line 3: the file cannot be read as CSV"):
        call_command("import_sites", str(path))


UNPLACEABLE = {"name": "Sportello nascosto", "address": "Piazza Inesistente 1, Torino"}


def test_a_later_import_that_places_a_site_publishes_its_draft_services(db):
    import_sites(csv_text(UNPLACEABLE))
    service = Service.objects.get(name=UNPLACEABLE["name"])
    assert service.status == Status.DRAFT
    result = import_sites(csv_text(UNPLACEABLE | PLACE))
    service.refresh_from_db()
    assert service.status == Status.PUBLISHED
    assert result.published == 1


@pytest.mark.parametrize("status", [Status.PENDING, Status.ARCHIVED])
def test_placing_a_site_leaves_a_status_a_person_chose(db, status):
    import_sites(csv_text(UNPLACEABLE))
    Service.objects.filter(name=UNPLACEABLE["name"]).update(status=status)
    result = import_sites(csv_text(UNPLACEABLE | PLACE))
    assert Service.objects.get(name=UNPLACEABLE["name"]).status == status
    assert result.published == 0


def test_a_reimport_does_not_publish_drafts_at_a_site_placed_by_hand(db):
    import_sites(csv_text(UNPLACEABLE))
    site = Site.objects.get(address=UNPLACEABLE["address"])
    site.geom = Point(7.6843, 45.0498, srid=4326)
    site.full_clean()
    site.save()
    result = import_sites(csv_text(UNPLACEABLE | PLACE))
    assert Service.objects.get(name=UNPLACEABLE["name"]).status == Status.DRAFT
    assert result.published == 0


def test_the_command_prints_how_many_drafts_it_published(db, tmp_path, capsys):
    path = tmp_path / "sites.csv"
    path.write_text(csv_text(UNPLACEABLE), encoding="utf-8")
    call_command("import_sites", str(path))
    path.write_text(csv_text(UNPLACEABLE | PLACE), encoding="utf-8")
    call_command("import_sites", str(path))
    assert "published 1 draft service(s) whose site this import located" in capsys.readouterr().out
