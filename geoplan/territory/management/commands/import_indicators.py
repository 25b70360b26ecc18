from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

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
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        try:
            result = import_indicator_values(text)
        except ImportRejected as exc:
            raise CommandError(
                f"{file} rejected, nothing imported ({len(exc.errors)} error(s)):\n{exc}"
            ) from exc
        self.stdout.write(
            f"{result.rows} values: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged"
        )
