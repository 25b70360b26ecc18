"""The moderators' pages: the review queue and the services nobody has confirmed lately.

The review of one request is in review_views.py, the registry's history in history_views.py.
"""

import csv
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import F, Q
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from geoplan.accounts.views import moderator_required
from geoplan.registry.models import Organization, Service, Status

from .models import ChangeRequest
from .workflow import conflicts

STALE_AFTER_DAYS = 180


@dataclass(frozen=True)
class QueueRow:
    change: ChangeRequest
    age: str  # "3 days", "just now"
    warnings: int
    conflict: bool


def waited(since, now) -> str:
    """How long a request has waited, to the largest unit: "3 days", or "just now" under a
    minute (timesince() would say "0 minutes")."""
    if now - since < timedelta(minutes=1):
        return _("just now")
    return timesince(since, now, depth=1)


@moderator_required
def queue(request):
    """Pending requests, the longest-waiting first."""
    pending = (
        ChangeRequest.objects.filter(status=ChangeRequest.Status.PENDING)
        .select_related("organization", "site", "submitted_by")
        .order_by("submitted_at", "pk")
    )
    organisations = Organization.objects.filter(
        change_requests__status=ChangeRequest.Status.PENDING
    ).distinct()
    chosen = request.GET.get("organization", "")
    if chosen.isdecimal() and len(chosen) < 10:
        pending = pending.filter(organization_id=int(chosen))
    now = timezone.now()
    rows = [
        QueueRow(
            change=change,
            age=waited(change.submitted_at or change.created_at, now),
            warnings=len(change.warnings or []),
            conflict=bool(conflicts(change)),
        )
        for change in pending
    ]
    return render(
        request,
        "moderation/queue.html",
        {
            "rows": rows,
            "organisations": organisations.order_by("name"),
            "chosen": int(chosen) if chosen.isdecimal() else None,
        },
    )


def stale_services():
    """Published services whose facts were never confirmed, or not for STALE_AFTER_DAYS days;
    never confirmed first, then the longest ago."""
    cutoff = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)
    return (
        Service.objects.filter(status=Status.PUBLISHED)
        .filter(Q(last_verified__isnull=True) | Q(last_verified__lt=cutoff))
        .select_related("site", "site__organization", "organization", "category")
        .order_by(F("last_verified").asc(nulls_first=True), "site__name", "name", "pk")
    )


@moderator_required
def stale(request):
    services = list(stale_services())
    return render(
        request,
        "moderation/stale.html",
        {"services": services, "days": STALE_AFTER_DAYS},
    )


def _cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@moderator_required
def stale_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="stale.csv"'
    # A byte-order mark, so that spreadsheet programs read the accented names as UTF-8.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        [
            "service_id",
            "service",
            "category",
            "organisation",
            "site_id",
            "site",
            "address",
            "last_verified",
        ]
    )
    for service in stale_services():
        organisation = service.organization or service.site.organization
        writer.writerow(
            [
                service.pk,
                _cell(service.name),
                service.category.code,
                _cell(organisation.name if organisation else ""),
                service.site_id,
                _cell(service.site.name),
                _cell(service.site.address),
                service.last_verified.isoformat() if service.last_verified else "",
            ]
        )
    return response
