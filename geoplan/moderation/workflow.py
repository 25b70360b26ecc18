"""Filing, approving and rejecting change requests.

Approval applies a request in one transaction: the request and its site are locked, every field
it changes is compared with the value it replaced when it was filed, and a difference (someone
else changed that field since) stops the approval unless the moderator, having seen it, approves
over it. The registry's history records each write with the moderator as its author and the
request's id; a recompute of accessibility is queued once the transaction commits.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, time

from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied
from django.db import DataError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from geoplan.accounts.roles import is_illustrative, organisation_ids
from geoplan.registry.checks import location_warnings
from geoplan.registry.history import applying_change_request
from geoplan.registry.hours import derive_opening_hours
from geoplan.registry.models import (
    Closure,
    LocationPrecision,
    LocationSource,
    OpeningHours,
    Organization,
    Service,
    ServiceCategory,
    Site,
)
from geoplan.registry.text import normalise_address

from . import notify
from .models import ChangeRequest
from .proposal import ProposalError, base_for, clean_proposal, snapshot_service, snapshot_site
from .titles import describe

log = logging.getLogger(__name__)


class DecisionError(Exception):
    """A decision that cannot be taken; the message says why (shown to the moderator)."""


@dataclass(frozen=True)
class Conflict:
    """A field changed by someone else since the request was filed."""

    path: str  # "site.name", "services.12.hours"
    filed: object  # the value when the request was filed
    now: object  # the value now
    proposed: object
    # A field edited twice may be settled by the moderator; a record that is gone, or an address
    # or service name now taken by another record, cannot be applied at all.
    can_override: bool = True


class ConflictError(DecisionError):
    def __init__(self, conflicts: list[Conflict]):
        self.conflicts = conflicts
        super().__init__(
            _(
                "The record has changed since this request was filed (%(fields)s). Review the "
                "differences, then approve over them or reject the request."
            )
            % {"fields": ", ".join(c.path for c in conflicts)}
        )


def _summary(payload: dict, site: Site | None) -> str:
    """The summary in the filer's language, kept for search (pages say it in the reader's)."""
    return describe(ChangeRequest(payload=payload, site=site, creates_site=site is None))


def _warnings(payload: dict, site: Site | None, visible_to: frozenset[int] | None) -> list[dict]:
    """Location warnings for a new site, or for an edit of a site's name, address or pin,
    naming only the sites of ``visible_to`` and public ones (None: any site)."""
    changed = payload.get("site", {})
    if site is not None and not {"name", "address", "location"} & changed.keys():
        return []
    merged = {**(snapshot_site(site) if site else {}), **changed}
    location = merged.get("location")
    if not location:
        return []
    return [
        w.as_dict()
        for w in location_warnings(
            merged.get("name", ""),
            merged.get("address", ""),
            location["lon"],
            location["lat"],
            exclude_site=site.pk if site else None,
            visible_to=visible_to,
        )
    ]


def organisation_for(user, payload: dict, site: Site | None) -> Organization:
    org_id = site.organization_id if site else payload["site"]["organization"]
    if org_id not in organisation_ids(user):
        raise PermissionDenied(
            _("You can only propose changes to your own organisations' records.")
        )
    return Organization.objects.get(pk=org_id)


def propose(
    user,
    raw: dict,
    site: Site | None = None,
    *,
    submit: bool = True,
    source: str = ChangeRequest.Source.PORTAL,
) -> ChangeRequest:
    """File a change request for ``raw`` (see proposal.py); raises ProposalError or
    PermissionDenied and then stores nothing. ``submit`` False keeps it as a draft."""
    if site is not None and site.organization_id not in organisation_ids(user):
        raise PermissionDenied(
            _("You can only propose changes to your own organisations' records.")
        )
    payload = clean_proposal(raw, set(organisation_ids(user)), site)
    organisation = organisation_for(user, payload, site)
    now = timezone.now()
    return ChangeRequest.objects.create(
        organization=organisation,
        site=site,
        creates_site=site is None,
        summary_filed=_summary(payload, site)[:300],
        payload=payload,
        base=base_for(payload, site),
        warnings=_warnings(payload, site, organisation_ids(user)),
        status=ChangeRequest.Status.PENDING if submit else ChangeRequest.Status.DRAFT,
        submitted_at=now if submit else None,
        source=source,
        submitted_by=user,
    )


def _locked_open(change: ChangeRequest, user, message: str) -> ChangeRequest:
    """The request re-read under a row lock, still open and still about a site of ``user``'s
    organisations (a site may have moved to another organisation since it was filed)."""
    locked = (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("site")
        .get(pk=change.pk)
    )
    if not locked.is_open:
        raise DecisionError(message)
    owners = {locked.organization_id}
    if locked.site is not None:
        owners.add(locked.site.organization_id)
    if not owners <= organisation_ids(user):
        raise PermissionDenied(
            _("You can only propose changes to your own organisations' records.")
        )
    return locked


def revise(change: ChangeRequest, user, raw: dict, *, submit: bool) -> ChangeRequest:
    """Replace a draft's proposed values (or a pending request's: a moderator's approval then
    names the revision it reviewed, see approve())."""
    with transaction.atomic():
        change = _locked_open(
            change, user, _("This request has been decided and can no longer be changed.")
        )
        site = change.site
        payload = clean_proposal(raw, set(organisation_ids(user)), site)
        change.organization = organisation_for(user, payload, site)
        change.payload = payload
        change.base = base_for(payload, site)
        change.warnings = _warnings(payload, site, organisation_ids(user))
        change.summary_filed = _summary(payload, site)[:300]
        change.revision += 1
        if submit and change.status == ChangeRequest.Status.DRAFT:
            change.status = ChangeRequest.Status.PENDING
            change.submitted_at = timezone.now()
        change.save()
    return change


def submit_draft(change: ChangeRequest, user) -> None:
    with transaction.atomic():
        locked = _locked_open(change, user, _("Only a draft can be submitted."))
        if locked.status != ChangeRequest.Status.DRAFT:
            raise DecisionError(_("Only a draft can be submitted."))
        locked.status = ChangeRequest.Status.PENDING
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_at"])


def withdraw(change: ChangeRequest, user) -> None:
    with transaction.atomic():
        locked = _locked_open(
            change, user, _("This request has been decided and can no longer be withdrawn.")
        )
        locked.status = ChangeRequest.Status.WITHDRAWN
        locked.save(update_fields=["status"])


def review_warnings(change: ChangeRequest) -> list[dict]:
    """Location warnings for the moderator, naming any site (the stored ones, shown to the
    partner, name only what it may know), computed now."""
    if not change.is_open:
        return change.warnings
    return _warnings(change.payload, change.site, visible_to=None)


# ---------------------------------------------------------------------------------------------
# Conflicts
# ---------------------------------------------------------------------------------------------
def conflicts(change: ChangeRequest) -> list[Conflict]:
    """Fields this request changes that someone else has changed since it was filed."""
    found: list[Conflict] = []
    payload, base = change.payload, change.base
    if change.creates_site:
        address = payload["site"]["address"]
        try:
            clean_proposal({"site": {"address": address}}, {payload["site"]["organization"]}, None)
        except ProposalError as exc:
            if "site.address" in exc.errors:
                found.append(
                    Conflict("site.address", None, exc.errors["site.address"][0], address, False)
                )
        return found
    if change.site is None:
        return [Conflict("site", "", _("deleted"), "", False)]
    if change.site.organization_id != change.organization_id:
        # The site now belongs to another organisation: this one may no longer change it.
        found.append(
            Conflict(
                "site.organization",
                change.organization_id,
                change.site.organization_id,
                change.organization_id,
                False,
            )
        )
    now_site = snapshot_site(change.site)
    address = payload.get("site", {}).get("address")
    if address:
        other = (
            Site.objects.filter(address_key=normalise_address(address))
            .exclude(pk=change.site.pk)
            .first()
        )
        if other is not None:
            found.append(Conflict("site.address", None, other.address, address, False))
    for key, proposed in payload.get("site", {}).items():
        filed = base.get("site", {}).get(key)
        if now_site.get(key) != filed and now_site.get(key) != proposed:
            found.append(Conflict(f"site.{key}", filed, now_site.get(key), proposed))
    filed_services = {s["id"]: s for s in base.get("services", [])}
    for service in payload.get("services", []):
        if service.get("id") is None:
            taken = change.site.services.filter(
                category__code=service["category"], name=service["name"]
            ).exists()
            if taken:
                found.append(
                    Conflict("services.new.name", None, service["name"], service["name"], False)
                )
            continue
        current = Service.objects.filter(pk=service["id"], site=change.site).first()
        if current is None:
            found.append(Conflict(f"services.{service['id']}", "", _("deleted"), "", False))
            continue
        now = snapshot_service(current)
        filed = filed_services.get(service["id"], {})
        if {"name", "category"} & service.keys():
            name = service.get("name", now["name"])
            category = service.get("category", now["category"])
            taken = (
                change.site.services.filter(category__code=category, name=name)
                .exclude(pk=current.pk)
                .exists()
            )
            if taken:
                found.append(Conflict(f"services.{current.pk}.name", None, name, name, False))
        for key, proposed in service.items():
            if key == "id":
                continue
            if now.get(key) != filed.get(key) and now.get(key) != proposed:
                found.append(
                    Conflict(
                        f"services.{service['id']}.{key}", filed.get(key), now.get(key), proposed
                    )
                )
    return found


# ---------------------------------------------------------------------------------------------
# Applying
# ---------------------------------------------------------------------------------------------
def _as_point(location: dict | None):
    return None if location is None else Point(location["lon"], location["lat"], srid=4326)


def _apply_site(change: ChangeRequest, moderator) -> Site:
    values = change.payload.get("site", {})
    site = change.site if not change.creates_site else Site()
    if "name" in values:
        site.name = values["name"]
    if "address" in values:
        site.address = values["address"]
    if "organization" in values:
        site.organization_id = values["organization"]
        moved_to = values["organization"]
    else:
        moved_to = None
    if "location" in values:
        site.geom = _as_point(values["location"])
        site.location_precision = (
            LocationPrecision.BUILDING if site.geom is not None else LocationPrecision.NONE
        )
        site.location_note = _(
            "placed by %(org)s on the map, approved in change request #%(id)s"
        ) % {
            "org": change.organization.name,
            "id": change.pk,
        }
        # A pin a partner placed and a moderator approved: no importer may move it.
        site.set_location_source(LocationSource.MANUAL)
    site.full_clean(exclude=["address_key"])
    site._history_user = moderator
    site.save()
    if moved_to is not None and not change.creates_site:
        # A site's services are run by the site's organisation.
        for service in site.services.exclude(organization_id=moved_to):
            service.organization_id = moved_to
            service._history_user = moderator
            service.save(update_fields=["organization"])
    return site


_SIMPLE = (
    "name",
    "description",
    "capacity",
    "capacity_unit",
    "target_groups",
    "target_groups_note",
    "languages",
    "step_free_access",
    "eligibility",
    "phone",
    "email",
    "website",
    "status",
    "closed_on_public_holidays",
)


def _apply_service(site: Site, values: dict, moderator, *, illustrative: bool) -> Service:
    if values.get("id") is None:
        service = Service(site=site, organization_id=site.organization_id)
    else:
        service = Service.objects.select_for_update().get(pk=values["id"], site=site)
    # The partner's own account of the service, approved: it counts as confirmed today.
    service.last_verified = timezone.localdate()
    if illustrative:
        # Proposed by a demo account: an example, labelled as such wherever it is shown.
        service.is_illustrative = True
    if "category" in values:
        service.category = ServiceCategory.objects.get(code=values["category"])
    for key in _SIMPLE:
        if key in values:
            setattr(service, key, values[key])
    service.full_clean(exclude=["site"])
    service._history_user = moderator
    service.save()
    if "hours" in values:
        for row in service.schedules.all():
            row._history_user = moderator
            row.delete()
        for row in values["hours"]:
            hours = OpeningHours(
                service=service,
                weekday=row["weekday"],
                opens_at=time.fromisoformat(row["opens_at"]),
                closes_at=time.fromisoformat(row["closes_at"]),
                valid_from=date.fromisoformat(row["valid_from"]) if row["valid_from"] else None,
                valid_to=date.fromisoformat(row["valid_to"]) if row["valid_to"] else None,
            )
            hours._history_user = moderator
            hours.save()
    if "closures" in values:
        for row in service.closures.all():
            row._history_user = moderator
            row.delete()
        for row in values["closures"]:
            closure = Closure(
                service=service,
                starts_on=date.fromisoformat(row["starts_on"]),
                ends_on=date.fromisoformat(row["ends_on"]),
                note=row["note"],
            )
            closure._history_user = moderator
            closure.save()
    if {"hours", "closures", "closed_on_public_holidays"} & values.keys():
        derived = derive_opening_hours(service)
        if derived != service.opening_hours:
            service.opening_hours = derived
            service._history_user = moderator
            service.save(update_fields=["opening_hours"])
    return service


def approve(
    change_id: int, moderator, *, override_conflicts: bool = False, revision: int | None = None
) -> ChangeRequest:
    """Apply a pending request in one transaction; raise DecisionError or ConflictError.

    ``revision``, when given, is the revision the moderator reviewed: a request revised since
    is refused, so that values nobody reviewed are never applied.
    """
    with transaction.atomic():
        change = (
            ChangeRequest.objects.select_for_update()
            .select_related("organization")
            .get(pk=change_id)
        )
        if not moderator.has_perm("moderation.decide_change", change):
            raise PermissionDenied(
                _("You cannot decide this request (your own, or not a moderator).")
            )
        if change.status != ChangeRequest.Status.PENDING:
            raise DecisionError(
                _("Only a pending request can be approved; this one is %(status)s.")
                % {"status": change.get_status_display()}
            )
        if revision is not None and revision != change.revision:
            raise DecisionError(
                _(
                    "The partner changed this request after you opened it: review the new "
                    "values before deciding."
                )
            )
        if change.site_id:
            change.site = Site.objects.select_for_update().get(pk=change.site_id)
        found = conflicts(change)
        if found and not (override_conflicts and all(c.can_override for c in found)):
            raise ConflictError(found)
        try:
            with transaction.atomic(), applying_change_request(change.pk):
                site = (
                    _apply_site(change, moderator)
                    if (change.creates_site or "site" in change.payload)
                    else change.site
                )
                illustrative = is_illustrative(change.submitted_by)
                for values in change.payload.get("services", []):
                    _apply_service(site, values, moderator, illustrative=illustrative)
        except (IntegrityError, DataError) as exc:
            # A rule of the database the checks above did not foresee: nothing is applied.
            raise DecisionError(
                _(
                    "This request cannot be applied as it stands (%(error)s): reject it with a reason."
                )
                % {"error": str(exc).splitlines()[0][:200]}
            ) from exc
        change.site = site
        change.status = ChangeRequest.Status.APPROVED
        change.decided_by = moderator
        change.decided_at = timezone.now()
        change.overrode_conflicts = [
            {"path": c.path, "filed": c.filed, "now": c.now} for c in found
        ]
        change.save()
        transaction.on_commit(lambda: _after_approval(change))
    return change


def _after_approval(change: ChangeRequest) -> None:
    from geoplan.access.recompute import request_recompute

    # The approval is committed: a failure here must neither hide it from the moderator nor
    # keep the partner's e-mail from going out.
    try:
        # Asked for explicitly, not only through the registry's signals, so that an approval is
        # recomputed even where recompute-on-change is switched off for bulk loads.
        request_recompute(reason=f"change request #{change.pk} approved", user=change.decided_by)
    except Exception:
        log.exception("change request %s approved, but no recompute could be asked for", change.pk)
    notify.decided(change)


def reject(change_id: int, moderator, reason: str) -> ChangeRequest:
    reason = (reason or "").strip()
    if not reason:
        raise DecisionError(_("Say why the request is rejected: the partner will read it."))
    with transaction.atomic():
        change = ChangeRequest.objects.select_for_update().get(pk=change_id)
        if not moderator.has_perm("moderation.decide_change", change):
            raise PermissionDenied(
                _("You cannot decide this request (your own, or not a moderator).")
            )
        if change.status != ChangeRequest.Status.PENDING:
            raise DecisionError(
                _("Only a pending request can be rejected; this one is %(status)s.")
                % {"status": change.get_status_display()}
            )
        change.status = ChangeRequest.Status.REJECTED
        change.reason = reason[:4000]
        change.decided_by = moderator
        change.decided_at = timezone.now()
        change.save()
        transaction.on_commit(lambda: notify.decided(change))
    return change
