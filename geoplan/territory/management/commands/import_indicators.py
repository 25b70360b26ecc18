from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from geoplan.territory.indicator_import import ImportRejected, import_indicator_values


class Command(BaseCommand):
    help = (
        "Import indicator values per zone from a CSV with columns zone_code,indicator,year,value."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc}
            ) from exc
        # Malformed CSV (csv.Error) arrives here as ImportRejected too, with its line.
        try:
            result = import_indicator_values(text)
        except ImportRejected as exc:
            raise CommandError(
                _("%(file)s rejected, nothing imported (%(count)d error(s)):\n%(errors)s")
                % {"file": file, "count": len(exc.errors), "errors": exc}
            ) from exc
        self.stdout.write(
            _("%(rows)d values: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
            % {
                "rows": result.rows,
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
            }
        )
