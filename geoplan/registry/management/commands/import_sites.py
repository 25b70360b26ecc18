from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from geoplan.registry.models import Status
from geoplan.registry.site_import import ImportRejected, import_sites


class Command(BaseCommand):
    help = (
        "Import service sites from a CSV (format of fixtures/services/sites_from_public_sources.csv), "
        "geocoding addresses offline where the file has no coordinates; an optional status "
        "column says which services are active."
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
            r = import_sites(text)
        except ImportRejected as exc:
            raise CommandError(
                _("%(file)s rejected, nothing imported (%(count)d error(s)):\n%(errors)s")
                % {"file": file, "count": len(exc.errors), "errors": exc}
            ) from exc
        self.stdout.write(
            _(
                "%(rows)d rows -> %(sites)d sites: located %(located)d (building %(building)d, "
                "street %(street)d), unlocated %(unlocated)d"
            )
            % {
                "rows": r.rows,
                "sites": r.building + r.street + r.unlocated,
                "located": r.building + r.street,
                "building": r.building,
                "street": r.street,
                "unlocated": r.unlocated,
            }
        )
        self.stdout.write(_("sites: %(counts)s") % {"counts": self._counts(r.sites)})
        self.stdout.write(_("services: %(counts)s") % {"counts": self._counts(r.services)})
        self.stdout.write(
            _("published %(n)d draft service(s) whose site this import located")
            % {"n": r.published}
        )
        for reason in r.unlocated_reasons:
            self.stdout.write(_("  needs location: %(reason)s") % {"reason": reason})
        if r.statuses:
            labels = dict(Status.choices)
            self.stdout.write(
                _("services by status: %(counts)s")
                % {
                    "counts": ", ".join(
                        f"{labels[code]} {n}" for code, n in sorted(r.statuses.items())
                    )
                }
            )
        self.stdout.write(
            _("found in the registry already: %(duplicates)d duplicate(s), %(attached)d attached")
            % {"duplicates": len(r.duplicates), "attached": len(r.attached)}
        )
        for match in r.matches:
            self.stdout.write(f"  {match.describe()}")

    @staticmethod
    def _counts(counts: dict[str, int]) -> str:
        labels = {"created": _("created"), "updated": _("updated"), "unchanged": _("unchanged")}
        return ", ".join(f"{n} {labels[k]}" for k, n in counts.items())
