import pytest
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from geoplan.registry.models import LocationPrecision, Site
from geoplan.territory.models import Circoscrizione, Zone

MILAN = Point(9.19, 45.4642, srid=4326)
# Just outside Turin's boundary but inside its bounding box (Pino Torinese hills).
JUST_OUTSIDE = Point(7.7600, 45.0500, srid=4326)
PIAZZA_CASTELLO = Point(7.6858, 45.0712, srid=4326)


def test_it_rejects_a_point_outside_turin(db):
    site = Site(name="Far", address="Milano", geom=MILAN)
    with pytest.raises(ValidationError, match="outside the City of Turin"):
        site.full_clean()


def test_it_rejects_a_point_just_outside_the_boundary(db):
    site = Site(name="Hills", address="Pino Torinese", geom=JUST_OUTSIDE)
    with pytest.raises(ValidationError, match="outside the City of Turin"):
        site.full_clean()


def test_it_accepts_a_point_in_turin_and_derives_zone_and_circoscrizione(db):
    site = Site(name="Centro", address="Piazza Castello 1, Torino", geom=PIAZZA_CASTELLO)
    site.full_clean()
    site.save()
    assert site.location_precision == LocationPrecision.BUILDING
    assert site.zone == Zone.objects.get(geom__intersects=PIAZZA_CASTELLO)
    assert site.circoscrizione == Circoscrizione.objects.get(number=1)


def test_the_database_refuses_a_site_far_outside_turin_even_without_validation(db):
    with pytest.raises(IntegrityError, match="site_in_turin_bbox"), transaction.atomic():
        Site.objects.create(
            name="Far", address="Milano", geom=MILAN, location_precision=LocationPrecision.BUILDING
        )


def test_the_database_refuses_a_location_without_precision(db):
    with (
        pytest.raises(IntegrityError, match="site_precision_matches_location"),
        transaction.atomic(),
        connection.cursor() as cur,
    ):
        cur.execute(
            "INSERT INTO registry_site (name, address, address_key, geom, location_precision,"
            " location_note) VALUES ('x', 'x', 'x', ST_GeomFromText('POINT(7.68 45.07)', 4326),"
            " 'none', '')"
        )


BOWTIE = MultiPolygon(Polygon(((7.6, 45.0), (7.7, 45.1), (7.7, 45.0), (7.6, 45.1), (7.6, 45.0))))


def test_it_rejects_an_invalid_zone_geometry_in_validation_and_in_the_database(db):
    zone = Zone(code="X1", name="Bowtie", geom=BOWTIE, circoscrizione_id=1)
    with pytest.raises(ValidationError, match="not valid: Self-intersection"):
        zone.full_clean()
    with pytest.raises(IntegrityError, match="zone_geom_valid"), transaction.atomic():
        zone.save()
