"""Who owns a site's point: the importer updates only a location it set itself, never one placed
by hand (in the admin, through the API, or by any save that moves the point)."""

import csv
import io

from django.contrib.gis.geos import Point
from django.db import connection

from geoplan.registry.models import LocationPrecision, LocationSource, Site
from geoplan.registry.site_import import COLUMNS, import_sites

IN_FILE = Point(7.6858, 45.0712, srid=4326)
CORRECTED = Point(7.6843, 45.0498, srid=4326)
FROM_FILE = {"name": "Sportello", "address": "Via Nizza 1, Torino", "lat": "45.0712"}
FROM_FILE |= {"lon": "7.6858"}
# "Via Carrera" is found by the offline geocoder as Via Valentino Carrera.
GEOCODED = {"name": "Sportello Carrera", "address": "Via Carrera 5, Torino"}


def csv_text(*rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({"category": "social_desk", "as_of": "2025"} | row)
    return out.getvalue()


def site_at(address):
    return Site.objects.get(address=address)


def test_a_point_from_the_file_is_recorded_as_from_the_file(db):
    import_sites(csv_text(FROM_FILE))
    assert site_at(FROM_FILE["address"]).location_source == LocationSource.FILE


def test_a_point_from_the_geocoder_is_recorded_as_from_the_geocoder(db):
    import_sites(csv_text(GEOCODED))
    site = site_at(GEOCODED["address"])
    assert site.location_precision == LocationPrecision.STREET
    assert site.location_source == LocationSource.GEOCODER


def test_a_site_created_outside_the_importer_is_manual(db):
    site = Site.objects.create(
        name="Casa", address="Via Roma 1", geom=CORRECTED, location_precision="building"
    )
    assert site.location_source == LocationSource.MANUAL


def test_the_database_makes_a_site_inserted_outside_django_manual(db):
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO registry_site (name, address, address_key, location_precision,"
            " location_note) VALUES ('x', 'x', 'x', 'none', '') RETURNING location_source"
        )
        assert cur.fetchone()[0] == LocationSource.MANUAL


def test_moving_the_point_of_an_imported_site_marks_it_manual(db):
    import_sites(csv_text(GEOCODED))
    site = site_at(GEOCODED["address"])
    site.geom = CORRECTED
    site.save()
    site.refresh_from_db()
    assert site.location_source == LocationSource.MANUAL


def test_saving_an_imported_site_without_moving_its_point_keeps_its_source(db):
    import_sites(csv_text(GEOCODED))
    site = site_at(GEOCODED["address"])
    site.name = "Sportello rinominato"
    site.geom = Point(site.geom.x, site.geom.y, srid=4326)  # as a form sends it back
    site.save()
    site.refresh_from_db()
    assert site.location_source == LocationSource.GEOCODER


def test_moving_the_point_with_update_fields_marks_it_manual(db):
    import_sites(csv_text(GEOCODED))
    site = site_at(GEOCODED["address"])
    site.geom = CORRECTED
    site.save(update_fields=["geom"])
    site.refresh_from_db()
    assert site.location_source == LocationSource.MANUAL


def test_a_save_that_names_the_source_keeps_it_when_the_point_moves(db):
    import_sites(csv_text(GEOCODED))
    site = site_at(GEOCODED["address"])
    site.geom = CORRECTED
    site.set_location_source(LocationSource.FILE)
    site.save()
    site.refresh_from_db()
    assert site.location_source == LocationSource.FILE


def test_a_street_level_point_corrected_by_hand_survives_a_reimport(db):
    import_sites(csv_text(GEOCODED))
    site = site_at(GEOCODED["address"])
    site.geom = CORRECTED  # the precision is left at "street"
    site.full_clean()
    site.save()
    result = import_sites(csv_text(GEOCODED))
    site.refresh_from_db()
    assert site.geom.equals_exact(CORRECTED, 1e-9)
    assert site.location_precision == LocationPrecision.STREET
    assert result.sites["unchanged"] == 1


def test_a_point_from_the_file_corrected_by_hand_survives_a_reimport(db):
    import_sites(csv_text(FROM_FILE))
    site = site_at(FROM_FILE["address"])
    site.geom = CORRECTED
    site.save()
    import_sites(csv_text(FROM_FILE | {"lat": "45.0600", "lon": "7.6700"}))
    site.refresh_from_db()
    assert site.geom.equals_exact(CORRECTED, 1e-9)


def test_a_reimport_replaces_a_point_it_took_from_the_file(db):
    import_sites(csv_text(FROM_FILE))
    result = import_sites(csv_text(FROM_FILE | {"lat": "45.0600", "lon": "7.6700"}))
    site = site_at(FROM_FILE["address"])
    assert site.geom.equals_exact(Point(7.67, 45.06, srid=4326), 1e-9)
    assert site.location_source == LocationSource.FILE
    assert result.sites["updated"] == 1


def test_coordinates_added_to_the_file_replace_the_geocoders_street_point(db):
    import_sites(csv_text(GEOCODED))
    import_sites(csv_text(GEOCODED | {"lat": "45.0712", "lon": "7.6858"}))
    site = site_at(GEOCODED["address"])
    assert site.geom.equals_exact(IN_FILE, 1e-9)
    assert (site.location_precision, site.location_source) == ("building", "file")
