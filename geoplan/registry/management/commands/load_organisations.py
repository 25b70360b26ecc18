"""Organisations that the site sources name as running a site, linked to those sites.

The file (fixtures/services/organisations.csv by default) has one row per site a source names the
operator of: organisation, site_name (the row's name in its source file), source_file (a sites
file in the same folder) and evidence (the exact words of that row's name or note that name the
operator). Every row is checked against its source file before anything is written: words that
the source does not contain refuse the file whole.

Each organisation is created once, with the evidence as its source note. A site of that name in
the registry gets the organisation, and so do its services; a name that is not a site but a
service (two rows of a source may have become one site) links that service only. A site or
service that already belongs to another organisation is left as it is and reported, and so is a
name found nowhere in the registry. Running it again changes nothing.
"""

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from geoplan.registry.models import Organization, Service, Site

DEFAULT_FILE = Path(settings.FIXTURES_DIR) / "services" / "organisations.csv"
COLUMNS = ("organisation", "site_name", "source_file", "evidence")
SOURCE_NOTE_MAX = Organization._meta.get_field("source_note").max_length
CHANGE_REASON = "organisation named by a site source (load_organisations)"


@dataclass(frozen=True)
class Row:
    line: int
    organisation: str
    site_name: str
    source_file: str
    evidence: str


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    sites_linked: int = 0
    sites_already: int = 0
    services_linked: int = 0
    services_already: int = 0
    not_found: list[Row] = field(default_factory=list)
    ambiguous: list[tuple[Row, int]] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def read_rows(path: Path) -> list[Row]:
    """The file's rows, each checked against its source; CommandError listing every bad row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s") % {"file": path, "error": exc}
        ) from exc
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CommandError(
            _("%(file)s lacks the column(s) %(missing)s: it needs %(columns)s.")
            % {"file": path, "missing": ", ".join(missing), "columns": ", ".join(COLUMNS)}
        )
    rows, errors, sources = [], [], {}
    operator_of: dict[str, tuple[str, int]] = {}
    for line, raw in enumerate(reader, start=2):
        row = Row(line, *((raw.get(c) or "").strip() for c in COLUMNS))
        empty = [c for c in COLUMNS if not getattr(row, c)]
        if empty:
            errors.append(
                _("line %(line)d: %(columns)s empty") % {"line": line, "columns": ", ".join(empty)}
            )
            continue
        problem = _check_against_source(row, path.parent, sources)
        if problem:
            errors.append(problem)
            continue
        earlier = operator_of.setdefault(row.site_name, (row.organisation, line))
        if earlier[0] != row.organisation:
            errors.append(
                _("line %(line)d: “%(site)s” is already given to %(other)s on line %(other_line)d")
                % {
                    "line": line,
                    "site": row.site_name,
                    "other": earlier[0],
                    "other_line": earlier[1],
                }
            )
            continue
        rows.append(row)
    if errors:
        raise CommandError(
            _("%(file)s refused, nothing loaded:\n%(errors)s")
            % {"file": path, "errors": "\n".join(f"  {e}" for e in errors)}
        )
    return rows


def _check_against_source(row: Row, folder: Path, sources: dict) -> str | None:
    """A sentence when the row's source file does not name the site, or not in these words."""
    if Path(row.source_file).name != row.source_file:
        return _("line %(line)d: source_file must be a file name in the same folder, not %(f)s") % {
            "line": row.line,
            "f": row.source_file,
        }
    if row.source_file not in sources:
        try:
            with (folder / row.source_file).open(encoding="utf-8-sig", newline="") as fh:
                sources[row.source_file] = {
                    (r.get("name") or "").strip(): (r.get("note") or "") for r in csv.DictReader(fh)
                }
        except (OSError, UnicodeDecodeError) as exc:
            sources[row.source_file] = exc
    source = sources[row.source_file]
    if isinstance(source, Exception):
        return _("line %(line)d: cannot read %(f)s: %(error)s") % {
            "line": row.line,
            "f": row.source_file,
            "error": source,
        }
    if row.site_name not in source:
        return _("line %(line)d: %(f)s has no row named “%(site)s”") % {
            "line": row.line,
            "f": row.source_file,
            "site": row.site_name,
        }
    if row.evidence not in row.site_name and row.evidence not in source[row.site_name]:
        return _(
            "line %(line)d: “%(evidence)s” is neither in the name nor in the note of “%(site)s” "
            "in %(f)s"
        ) % {
            "line": row.line,
            "evidence": row.evidence,
            "site": row.site_name,
            "f": row.source_file,
        }
    return None


def source_note(rows: list[Row]) -> str:
    """The evidence naming one organisation, grouped by source file, in the file's order."""
    by_file: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row.evidence not in by_file[row.source_file]:
            by_file[row.source_file].append(row.evidence)
    note = "; ".join(
        f"{name}: " + ", ".join(f"“{e}”" for e in evidence) for name, evidence in by_file.items()
    )
    return note if len(note) <= SOURCE_NOTE_MAX else note[: SOURCE_NOTE_MAX - 1] + "…"


def _link(record, organisation: Organization, summary: Summary) -> bool | None:
    """Give ``record`` the organisation: True if it was given now, False if it had it already,
    None if it belongs to another one (left as it is)."""
    if record.organization_id == organisation.pk:
        return False
    if record.organization_id is not None:
        summary.kept.append(
            _("%(record)s belongs to %(other)s") % {"record": record, "other": record.organization}
        )
        return None
    record.organization = organisation
    record._change_reason = CHANGE_REASON
    record.save(update_fields=["organization"])
    return True


def _count(result: bool | None, summary: Summary, kind: str) -> None:
    if result is True:
        setattr(summary, f"{kind}_linked", getattr(summary, f"{kind}_linked") + 1)
    elif result is False:
        setattr(summary, f"{kind}_already", getattr(summary, f"{kind}_already") + 1)


def load_organisations(path: Path = DEFAULT_FILE) -> Summary:
    rows = read_rows(path)
    summary = Summary()
    by_organisation: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_organisation[row.organisation].append(row)
    with transaction.atomic():
        organisations = {}
        for name, its_rows in by_organisation.items():
            note = source_note(its_rows)
            organisation, created = Organization.objects.get_or_create(
                name=name, defaults={"source_note": note}
            )
            if created:
                summary.created.append(name)
            elif organisation.source_note != note:
                organisation.source_note = note
                organisation._change_reason = CHANGE_REASON
                organisation.save(update_fields=["source_note"])
                summary.updated.append(name)
            else:
                summary.unchanged.append(name)
            organisations[name] = organisation
        for row in rows:
            organisation = organisations[row.organisation]
            sites = list(Site.objects.filter(name=row.site_name).select_related("organization"))
            if len(sites) == 1:
                _count(_link(sites[0], organisation, summary), summary, "sites")
                services = sites[0].services.select_related("organization").order_by("pk")
                for service in services:
                    _count(_link(service, organisation, summary), summary, "services")
                continue
            if sites:
                summary.ambiguous.append((row, len(sites)))
                continue
            services = list(
                Service.objects.filter(name=row.site_name).select_related("organization")
            )
            if len(services) == 1:
                _count(_link(services[0], organisation, summary), summary, "services")
            elif services:
                summary.ambiguous.append((row, len(services)))
            else:
                summary.not_found.append(row)
    return summary


class Command(BaseCommand):
    help = (
        "Create the organisations that the site sources name as running a site and link them to "
        "those sites and their services (default file: fixtures/services/organisations.csv)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, default=DEFAULT_FILE)

    def handle(self, *args, file: Path, **options):
        s = load_organisations(file)
        total = len(s.created) + len(s.updated) + len(s.unchanged)
        self.stdout.write(
            _(
                "organisations: %(total)d in the file; created %(created)d, source note updated "
                "%(updated)d, unchanged %(unchanged)d"
            )
            % {
                "total": total,
                "created": len(s.created),
                "updated": len(s.updated),
                "unchanged": len(s.unchanged),
            }
        )
        self.stdout.write(
            _(
                "linked: %(sites)d site(s) and %(services)d service(s) now; already linked: "
                "%(sites_already)d site(s), %(services_already)d service(s)"
            )
            % {
                "sites": s.sites_linked,
                "services": s.services_linked,
                "sites_already": s.sites_already,
                "services_already": s.services_already,
            }
        )
        if s.not_found:
            self.stdout.write(
                _("not found in the registry (no site or service of that name): %(n)d")
                % {"n": len(s.not_found)}
            )
            for row in s.not_found:
                self.stdout.write(
                    f"  “{row.site_name}” ({row.organisation}, {row.source_file}, "
                    + _("line %(line)d") % {"line": row.line}
                    + ")"
                )
        for row, n in s.ambiguous:
            self.stdout.write(
                _("  not linked: %(n)d records are named “%(site)s” (%(organisation)s)")
                % {"n": n, "site": row.site_name, "organisation": row.organisation}
            )
        for sentence in s.kept:
            self.stdout.write(_("  left as it is: %(what)s") % {"what": sentence})
