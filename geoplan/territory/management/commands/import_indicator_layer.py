from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from geoplan.territory.indicator_layer import (
    CountSpec,
    LayerImport,
    LayerRejected,
    RatioSpec,
    import_layer,
)

from ._summary import write_layer_summary


class Command(BaseCommand):
    help = (
        "Apportion counts from a polygon layer (GeoJSON or GeoPackage) to the zone statistiche by "
        "population and store them as indicators with their provenance; ratios are formed from "
        "two apportioned counts. Nothing changes if anything in the layer is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--id-field", required=True, help="the polygons' unique id")
        parser.add_argument(
            "--counts",
            required=True,
            help="comma-separated count columns; NAME=a+b-c stores a sum or difference of columns",
        )
        parser.add_argument("--year", type=int, help="year the counts refer to")
        parser.add_argument("--source", default="", help="who published the figures")
        parser.add_argument("--licence", default="", help="e.g. CC BY 4.0")
        parser.add_argument(
            "--geography", default="", help="what the polygons are, e.g. '23 former quartieri'"
        )
        parser.add_argument(
            "--repair-geometry",
            action="store_true",
            help="mend invalid polygons with make_valid when their area moves by at most 0.1%%",
        )
        parser.add_argument(
            "--ratio",
            action="append",
            default=[],
            metavar="CODE=NUMERATOR/DENOMINATOR",
            help="a ratio (in %%) of two counts; repeatable. Staff set its labels and direction "
            "of need in the admin.",
        )

    def handle(
        self,
        *args,
        file,
        id_field,
        counts,
        year,
        source,
        licence,
        geography,
        ratio,
        repair_geometry,
        **o,
    ):
        if year is not None and not 1900 <= year <= 2100:
            raise CommandError(
                _("--year %(year)d is not a year between 1900 and 2100.") % {"year": year}
            )
        try:
            spec = LayerImport(
                path=file,
                id_field=id_field,
                counts=[CountSpec.parse(c) for c in counts.split(",") if c.strip()],
                year=year,
                source=source,
                licence=licence,
                geography=geography,
                ratios=[RatioSpec.parse(r) for r in ratio],
                repair_geometry=repair_geometry,
            )
            result = import_layer(spec)
        except LayerRejected as exc:
            raise CommandError(
                _("%(file)s refused, nothing changed:\n%(problems)s")
                % {"file": file, "problems": exc}
            ) from exc
        write_layer_summary(self.stdout, result)
