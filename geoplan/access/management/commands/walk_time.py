import json

from django.core.management.base import BaseCommand, CommandError

from geoplan.access.services import walk_time


def lonlat(text: str) -> tuple[float, float]:
    try:
        lon, lat = (float(v) for v in text.split(","))
    except ValueError:
        raise CommandError(f"{text!r} is not LON,LAT (e.g. 7.6858,45.0712)") from None
    return lon, lat


class Command(BaseCommand):
    help = "Walking distance over the network between two points (snap legs included), as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="origin", required=True, metavar="LON,LAT")
        parser.add_argument("--to", dest="destination", required=True, metavar="LON,LAT")

    def handle(self, *args, origin, destination, **options):
        from django.contrib.gis.geos import Point
        from django.core.exceptions import ValidationError

        from geoplan.registry.models import check_inside_city

        points = [lonlat(origin), lonlat(destination)]
        for lon, lat in points:
            try:
                check_inside_city(Point(lon, lat, srid=4326))
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
        (lon1, lat1), (lon2, lat2) = points
        self.stdout.write(json.dumps(walk_time(lon1, lat1, lon2, lat2)))
