from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from geoplan.territory.indicator_layer import LayerRejected, import_spec

from ._summary import write_layer_summary

DEFAULT_SPEC = Path(settings.FIXTURES_DIR) / "indicators" / "ex_quartieri.json"


class Command(BaseCommand):
    help = (
        "Load the shipped need indicators: counts of the 23 former quartieri apportioned to the "
        "zones by population, and the ratios formed from them (see fixtures/indicators/)."
    )

    def add_arguments(self, parser):
        parser.add_argument("spec", type=Path, nargs="?", default=DEFAULT_SPEC)

    def handle(self, *args, spec, **options):
        try:
            results = import_spec(spec)
        except LayerRejected as exc:
            raise CommandError(
                _("%(file)s refused, nothing changed:\n%(problems)s")
                % {"file": spec, "problems": exc}
            ) from exc
        for result in results:
            write_layer_summary(self.stdout, result)
