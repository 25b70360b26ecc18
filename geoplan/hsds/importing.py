"""Importing an HSDS file from another directory as drafts for the city's moderators.

Nothing an import reads becomes public by itself. Organisations are matched (by the HSDS id of an
earlier import, then by name) or created directly: an organisation alone is not public (the
HSDS API lists only those with published services). Each location becomes one pending change
request for a new site with its services, hours and closures, through the ChangeRequest record
and the proposal checks every partner's request goes through (moderation/proposal.py), with
source "HSDS import"; moderators review it in the usual queue and approval applies it with
moderation.workflow.approve.

The requests are filed by a moderator's account (workflow.propose files a partner's requests,
for its own organisations, so it is not used here). The moderation rules let nobody decide a
request they filed: another moderator reviews the import.

The whole file is one transaction: any problem, and nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geoplan.accounts.roles import is_moderator
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.proposal import ProposalError, clean_proposal
from geoplan.moderation.titles import describe
from geoplan.registry.checks import location_warnings
from geoplan.registry.models import Organization, ServiceCategory, Site
from geoplan.registry.text import normalise_address

from .models import ImportedLocation, ImportedOrganization
from .reading import HsdsFileError, LocationPlan, OrganisationRecord, read

# How a problem of a proposal field is named in the HSDS record it came from.
SITE_FIELDS = {
    "name": "name",
    "address": "addresses",
    "location": "latitude/longitude",
    "organization": "organization_id",
}
SERVICE_FIELDS = {
    "category": "attributes (category)",
    "target_groups": "attributes (target groups)",
    "target_groups_note": "attributes (target_groups_note)",
    "capacity": "attributes (capacity)",
    "capacity_unit": "attributes (capacity_unit)",
    "closures": "attributes (closure)",
    "step_free_access": "attributes (step_free_access)",
    "hours": "schedules",
    "phone": "phones",
    "website": "url",
    "eligibility": "eligibility_description",
}
OPEN_STATUSES = (
    ChangeRequest.Status.DRAFT,
    ChangeRequest.Status.PENDING,
    ChangeRequest.Status.APPROVED,
)


@dataclass
class ImportReport:
    requests: list[ChangeRequest] = field(default_factory=list)
    created: list[Organization] = field(default_factory=list)
    matched: list[Organization] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    dry_run: bool = False


def _explain(plan: LocationPlan, errors: dict[str, list[str]]) -> list[str]:
    """A proposal's errors, each named by the HSDS record and field it came from."""
    problems = []
    for path, messages in errors.items():
        parts = path.split(".") if path else []
        if parts[:1] == ["site"] and len(parts) > 1:
            where = f"{plan.label}: {SITE_FIELDS.get(parts[1], parts[1])}"
        elif parts[:1] == ["services"] and len(parts) > 2 and parts[1].isdigit():
            service = plan.service_labels[int(parts[1])]
            where = f"{service}: {SERVICE_FIELDS.get(parts[2], parts[2])}"
        else:
            where = f"{plan.label}: {path}" if path else plan.label
        problems.extend(f"{where}: {message}" for message in messages)
    return problems


class _Importer:
    def __init__(self, user, source_file: str, report: ImportReport):
        self.user = user
        self.source_file = source_file[:300]
        self.report = report
        self.problems: list[str] = []
        self.addresses: dict[str, str] = {}  # address key -> the location filed there

    def organisation(self, hsds_id: str, record: OrganisationRecord | None, where: str):
        link = (
            ImportedOrganization.objects.filter(hsds_id=hsds_id)
            .select_related("organization")
            .first()
        )
        if link is not None:
            self._count(link.organization, created=False)
            return link.organization
        if record is None:
            self.problems.append(
                _(
                    "%(where)s: organization_id %(id)s: the file does not describe this "
                    "organisation (give it as the service's organization, or in organizations)."
                )
                % {"where": where, "id": hsds_id}
            )
            return None
        where = _("organisation “%(name)s” (%(id)s)") % {"name": record.name, "id": hsds_id}
        org = Organization.objects.filter(name__iexact=record.name).order_by("pk").first()
        created = org is None
        if created:
            org = Organization(
                name=record.name,
                description=record.description,
                email=record.email,
                website=record.website,
                source_note=(
                    _("Imported from the HSDS file %(file)s") % {"file": self.source_file}
                )[:500],
            )
            try:
                org.full_clean()
            except ValidationError as exc:
                self.problems.extend(
                    f"{where}: {name}: {message}"
                    for name, messages in exc.message_dict.items()
                    for message in messages
                )
                return None
            org._history_user = self.user
            org.save()
        ImportedOrganization.objects.create(
            hsds_id=hsds_id, organization=org, created=created, source_file=self.source_file
        )
        self._count(org, created)
        return org

    def _count(self, org: Organization, created: bool) -> None:
        if org not in self.report.created and org not in self.report.matched:
            (self.report.created if created else self.report.matched).append(org)

    def file(self, plan: LocationPlan, record: OrganisationRecord | None) -> None:
        earlier = (
            ImportedLocation.objects.filter(
                hsds_id=plan.hsds_id, change_request__status__in=OPEN_STATUSES
            )
            .select_related("change_request")
            .first()
        )
        if earlier is not None:
            self.report.skipped.append(
                _("%(where)s: filed already as change request #%(id)d (%(status)s).")
                % {
                    "where": plan.label,
                    "id": earlier.change_request_id,
                    "status": earlier.change_request.get_status_display(),
                }
            )
            return
        if record is not None and record.illustrative:
            self.report.skipped.append(
                _("%(where)s: run by an illustrative organisation, not imported.")
                % {"where": plan.label}
            )
            return
        key = normalise_address(plan.site["address"])
        registered = Site.objects.filter(address_key=key).first() if key else None
        if registered is not None or key in self.addresses:
            name = registered.name if registered else self.addresses[key]
            self.report.skipped.append(
                _(
                    "%(where)s: “%(address)s” is already the address of “%(name)s” (geoplan "
                    "keeps one site per address); not imported."
                )
                % {"where": plan.label, "address": plan.site["address"], "name": name}
            )
            return
        org = self.organisation(plan.organisation_id, record, plan.label)
        if org is None:
            return
        raw = {"site": {**plan.site, "organization": org.pk}, "services": plan.services}
        try:
            payload = clean_proposal(raw, {org.pk}, None)
        except ProposalError as exc:
            self.problems.extend(_explain(plan, exc.errors))
            return
        self.addresses[key] = plan.site["name"]
        site = payload["site"]
        change = ChangeRequest.objects.create(
            organization=org,
            creates_site=True,
            summary_filed=describe(ChangeRequest(payload=payload, creates_site=True))[:300],
            payload=payload,
            base={},
            warnings=[
                w.as_dict()
                for w in location_warnings(
                    site["name"], site["address"], site["location"]["lon"], site["location"]["lat"]
                )
            ],
            status=ChangeRequest.Status.PENDING,
            submitted_at=timezone.now(),
            source=ChangeRequest.Source.IMPORT,
            submitted_by=self.user,
        )
        ImportedLocation.objects.create(
            hsds_id=plan.hsds_id,
            service_ids=plan.service_ids,
            change_request=change,
            source_file=self.source_file,
        )
        self.report.requests.append(change)


def import_hsds(text: str, user, *, source_file: str, dry_run: bool = False) -> ImportReport:
    """File one change request per location of the HSDS document ``text``; raise HsdsFileError
    (nothing stored) listing every problem, each naming its record and field."""
    if not is_moderator(user):
        raise PermissionDenied(
            _("%(user)s is not a moderator: HSDS imports are filed by city moderators.")
            % {"user": user.get_username()}
        )
    categories = set(ServiceCategory.objects.values_list("code", flat=True))
    reading = read(text, categories)
    report = ImportReport(skipped=reading.skipped, notes=reading.notes, dry_run=dry_run)
    with transaction.atomic():
        importer = _Importer(user, source_file, report)
        for plan in reading.locations:
            importer.file(plan, reading.organisations.get(plan.organisation_id))
        if importer.problems:
            raise HsdsFileError(importer.problems)
        if dry_run:
            transaction.set_rollback(True)
    return report
