import json

from django.core.management.base import BaseCommand, CommandError

from geoplan.access.services import run_access
from geoplan.analysis.routing import DEFAULT_SPEED_KMH, SLOW_SPEED_KMH


class Command(BaseCommand):
    help = "Compute walking accessibility for every category and store it as a new run."

    def add_arguments(self, parser):
        parser.add_argument("--speed-kmh", type=float, default=DEFAULT_SPEED_KMH)
        parser.add_argument(
            "--slow", action="store_true", help=f"slow-walker profile ({SLOW_SPEED_KMH} km/h)"
        )
        parser.add_argument(
            "--include-illustrative",
            action="store_true",
            help="count illustrative (not real) services too",
        )

    def handle(self, *args, speed_kmh, slow, include_illustrative, **options):
        speed = SLOW_SPEED_KMH if slow else speed_kmh
        if not 0.5 <= speed <= 10:
            raise CommandError("--speed-kmh must be between 0.5 and 10 km/h.")
        run = run_access(speed_kmh=speed, include_illustrative=include_illustrative)
        summary = {
            "run": run.pk,
            "status": run.status,
            "speed_kmh": speed,
            "network_hash": run.network_hash[:12],
            "counts": run.counts,
            "timings_s": run.timings_s,
            "city": {
                code: {
                    k: v
                    for k, v in values.items()
                    if k in {"mean_min", "share_within_15", "gini_nearest_min"}
                }
                for code, values in run.city.items()
            },
        }
        self.stdout.write(json.dumps(summary))
