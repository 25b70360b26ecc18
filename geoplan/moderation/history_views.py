"""Every version of a registry record: when, who, what changed, through which change request."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from geoplan.accounts.views import staff_required
from geoplan.partner.views import CONFIRMED_REASON
from geoplan.registry.management.commands.load_organisations import (
    CHANGE_REASON as ORGANISATIONS_REASON,
)
from geoplan.registry.models import Closure, OpeningHours, Organization, Service, Site

from . import diff
from .models import ChangeRequest

MODELS = {
    "organisation": Organization,
    "site": Site,
    "service": Service,
    "schedule": OpeningHours,
    "closure": Closure,
}

# A history record's reason is stored in one language (English): the reasons that the code
# writes, always the same words, are shown in the reader's language; any other as stored.
REASONS = {
    CONFIRMED_REASON: gettext_lazy("confirmed still accurate"),
    ORGANISATIONS_REASON: gettext_lazy("organisation named by a site source"),
}


def reason_shown(reason: str | None) -> str:
    """A history record's reason, in the page's language where it is one the code writes."""
    if not reason:
        return ""
    return str(REASONS.get(reason.strip(), reason))


def _foreign_names(model, records) -> dict:
    """(related model, id) -> name for the foreign keys these versions point to."""
    names = {}
    for f in diff.content_fields(model):
        if not f.is_relation:
            continue
        ids = {getattr(r, f.attname) for r in records} - {None}
        related = f.related_model
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related, obj.pk)] = str(obj)
    return names


def _versions(model, records):
    return diff.versions(model, records, _foreign_names(model, records))


def _history_of(model, **filters):
    return list(
        model.history.filter(**filters)
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )


def _related(model, pk, records) -> dict:
    """Links from a record's history to its neighbours' (a site's services, a service's hours)."""
    latest = records[0]
    if model is Site:
        return {
            "services": Service.objects.filter(site_id=pk).order_by("name"),
            "organisation_id": latest.organization_id,
        }
    if model is Service:
        return {
            "site_id": latest.site_id,
            "schedule_rows": _history_of(OpeningHours, service_id=pk),
            "closure_rows": _history_of(Closure, service_id=pk),
        }
    if model in (OpeningHours, Closure):
        return {"service_id": latest.service_id}
    return {"sites": Site.objects.filter(organization_id=pk).order_by("name")}


@staff_required
def history(request, model, pk):
    record_model = MODELS.get(model)
    if record_model is None:
        raise Http404("no history for this kind of record")
    records = _history_of(record_model, id=pk)
    if not records:
        raise Http404("no history for this record")
    versions = _versions(record_model, records)
    for version in versions:
        version.record.reason_shown = reason_shown(version.record.history_change_reason)
    related = _related(record_model, pk, records)
    linked = {v.record.change_request_id for v in versions} - {None}
    for key in ("schedule_rows", "closure_rows"):
        linked |= {r.change_request_id for r in related.get(key, [])} - {None}
    current = record_model._default_manager.filter(pk=pk).first()
    return render(
        request,
        "moderation/history.html",
        {
            "kind": model,
            "pk": pk,
            "title": str(current if current is not None else records[0].instance),
            "deleted": current is None,
            "versions": versions,
            "related": related,
            "change_requests": set(
                ChangeRequest.objects.filter(pk__in=linked).values_list("pk", flat=True)
            ),
        },
    )
