from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from geoplan.registry.site_import import ImportRejected, import_sites


class Command(BaseCommand):
    help = (
        "Import service sites from a CSV (format of fixtures/services/sites_from_public_sources.csv), "
        "geocoding addresses offline where the file has no coordinates."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        try:
            r = import_sites(text)
        except ImportRejected as exc:
            raise CommandError(
                f"{file} rejected, nothing imported ({len(exc.errors)} error(s)):\n{exc}"
            ) from exc
        self.stdout.write(
            f"{r.rows} rows -> {r.building + r.street + r.unlocated} sites: "
            f"located {r.building + r.street} (building {r.building}, street {r.street}), "
            f"unlocated {r.unlocated}"
        )
        self.stdout.write("sites: " + ", ".join(f"{n} {k}" for k, n in r.sites.items()))
        self.stdout.write("services: " + ", ".join(f"{n} {k}" for k, n in r.services.items()))
        for reason in r.unlocated_reasons:
            self.stdout.write(f"  needs location: {reason}")
