import json

from django.core.management.base import BaseCommand, CommandError

from geoplan.access.models import Profile
from geoplan.access.services import recompute_lock, run_access

SUMMARY_FIELDS = ("n_sites", "mean_min", "share_within_15", "gini_nearest_min", "palma_nearest_min")


class Command(BaseCommand):
    # The system checks import every view (and through the layer catalogue, scipy and sklearn):
    # a second of start-up for a command that touches none of them. `manage.py check` still runs.
    requires_system_checks = []
    help = (
        "Compute walking accessibility for every category and store it as a new run. "
        "Nothing is stored when the latest run was made from the same inputs (use --force)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--profile",
            choices=Profile.values,
            default=Profile.STANDARD,
            help="walking profile: standard (4.5 km/h) or slow (3.0 km/h)",
        )
        parser.add_argument(
            "--include-illustrative",
            action="store_true",
            help="count illustrative (not real) services too",
        )
        parser.add_argument("--force", action="store_true", help="store a new run in any case")

    def handle(self, *args, profile, include_illustrative, force, **options):
        try:
            # Waits for a worker's recompute to end rather than computing beside it.
            with recompute_lock():
                run, created = run_access(profile, include_illustrative, force)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        summary = {
            "run": run.pk,
            "created": created,
            "status": run.status,
            "profile": run.profile,
            "speed_kmh": run.params.get("speed_kmh"),
            "network_hash": run.network_hash[:12],
            "counts": run.counts,
            "timings_s": run.timings_s,
            "city": {
                code: {k: v for k, v in values.items() if k in SUMMARY_FIELDS}
                for code, values in run.city.items()
            },
        }
        self.stdout.write(json.dumps(summary))
