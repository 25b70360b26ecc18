import pytest
from django.contrib.gis.geos import Point
from django.core.management import CommandError, call_command

from geoplan.registry.models import LocationPrecision, Service, Site, Status
from geoplan.registry.site_import import ImportRejected, import_sites
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
