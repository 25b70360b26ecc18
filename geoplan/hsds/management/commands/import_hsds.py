from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from geoplan.hsds.importing import import_hsds
from geoplan.hsds.reading import HsdsFileError


class Command(BaseCommand):
    help = (
        "Load an HSDS 3.0 file from another directory (a Page of services as /api/hsds/export.json "
        "gives, a list of services, or a list of organisations with their services) as drafts "
        "for moderation: organisations are matched by name or created, and each location is "
        "filed as one pending change request for a new site with its services and hours, "
        "which moderators review in /moderation/. Nothing becomes public until a moderator "
        "approves it. The requests are filed in the name of --submitted-by, the e-mail of a "
        "moderator's account (or an administrator's); that account cannot approve them "
        "itself: another moderator reviews the import. A file with any problem (not JSON, "
        "wrong shape, an object the HSDS schemas refuse, a point outside Turin, an unknown "
        "category ...) is refused whole, each problem naming its record and field, and "
        "nothing is stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help=_("The HSDS JSON file."))
        parser.add_argument(
            "--submitted-by",
            required=True,
            metavar="EMAIL",
            help=_("E-mail of the moderator's account filing the change requests."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check the file and say what would be filed, storing nothing."),
        )

    def handle(self, *args, file: Path, submitted_by: str, dry_run: bool, **options):
        users = get_user_model()
        user = users.objects.filter(email__iexact=submitted_by.strip(), is_active=True).first()
        if user is None:
            raise CommandError(
                _("No active account has the e-mail %(email)s.") % {"email": submitted_by}
            )
        try:
            text = file.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": exc}
            ) from exc
        try:
            report = import_hsds(text, user, source_file=file.name, dry_run=dry_run)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from exc
        except HsdsFileError as exc:
            raise CommandError(
                _("%(file)s refused, nothing stored (%(count)d problem(s)):\n%(problems)s")
                % {
                    "file": file,
                    "count": len(exc.problems),
                    "problems": "\n".join(f"  {p}" for p in exc.problems),
                }
            ) from exc
        if dry_run:
            self.stdout.write(_("Dry run: nothing stored."))
        self.stdout.write(
            _(
                "%(requests)d change request(s) filed for review; organisations: %(created)d "
                "created, %(matched)d matched; %(skipped)d record(s) skipped."
            )
            % {
                "requests": len(report.requests),
                "created": len(report.created),
                "matched": len(report.matched),
                "skipped": len(report.skipped),
            }
        )
        for change in report.requests:
            self.stdout.write(f"  #{change.pk or '-'} {change.summary_filed}")
        for org in report.created:
            self.stdout.write(_("  organisation created: %(name)s") % {"name": org.name})
        for org in report.matched:
            self.stdout.write(_("  organisation matched: %(name)s") % {"name": org.name})
        for line in report.skipped:
            self.stdout.write(_("  skipped: %(why)s") % {"why": line})
        for line in report.notes:
            self.stdout.write(_("  note: %(what)s") % {"what": line})
