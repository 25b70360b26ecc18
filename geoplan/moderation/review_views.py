"""One change request under review: what it changes, and the approve and reject forms."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from geoplan.accounts.roles import is_illustrative
from geoplan.accounts.views import forbidden, moderator_required
from geoplan.registry.models import Organization, Service, ServiceCategory

from . import diff, workflow
from .models import ChangeRequest
from .proposal import snapshot_site
from .views import waited


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it rejected? The partner reads this."),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": gettext_lazy("Say why the request is rejected: the partner will read it.")
        },
    )


def names_for(change: ChangeRequest) -> diff.Names:
    """The names diff.sections() shows instead of the request's codes and ids."""
    payload, base = change.payload, change.base or {}
    org_ids = {
        v.get("organization")
        for v in (payload.get("site", {}), base.get("site", {}))
        if v.get("organization") is not None
    }
    service_ids = {s["id"] for s in payload.get("services", []) if s.get("id") is not None}
    language = get_language() or "it"
    return diff.Names(
        categories={c.code: c.name(language) for c in ServiceCategory.objects.all()},
        organisations=dict(Organization.objects.filter(pk__in=org_ids).values_list("pk", "name")),
        services=dict(Service.objects.filter(pk__in=service_ids).values_list("pk", "name")),
    )


def can_override(found) -> bool:
    """Whether workflow.approve() accepts approving over these conflicts once seen."""
    return bool(found) and all(c.can_override for c in found)


def _page(request, change, *, status=200, reject_form=None, conflict_error=None):
    found = workflow.conflicts(change) if change.status == ChangeRequest.Status.PENDING else []
    sections = diff.sections(change, found, names_for(change))
    current = snapshot_site(change.site)["location"] if change.site else None
    pins = diff.pins(change, current)
    submitter = change.submitted_by
    may_decide = change.status == ChangeRequest.Status.PENDING and request.user.has_perm(
        "moderation.decide_change", change
    )
    return render(
        request,
        "moderation/change.html",
        {
            "change": change,
            "sections": sections,
            "other_conflicts": diff.other_conflicts(found, sections),
            "conflicts": found,
            "conflict_error": conflict_error,
            "can_override": can_override(found),
            "pins": pins,
            "map_data": {
                "old": pins.old,
                "new": pins.new,
                "labels": {
                    "old": _("When filed"),
                    "new": _("Proposed"),
                    "current": _("Now"),
                },
            },
            "submitter_illustrative": is_illustrative(submitter),
            "waited": _waited(change),
            # Computed now and naming any site: the partner was shown only what it may know.
            "warnings": workflow.review_warnings(change),
            "may_decide": may_decide,
            "own_request": change.submitted_by_id == request.user.pk,
            "reject_form": reject_form or RejectForm(),
        },
        status=status,
    )


def _waited(change) -> str:
    """ "just now", or "3 days ago": how long ago the request was submitted."""
    if change.submitted_at is None:
        return ""
    age = waited(change.submitted_at, timezone.now())
    return age if age == _("just now") else _("%(age)s ago") % {"age": age}


def _revision(value) -> int | None:
    return int(value) if value and value.isdecimal() and len(value) < 10 else None


def _change(pk) -> ChangeRequest:
    # Drafts are still the partner's own work: not shown to moderators.
    return get_object_or_404(
        ChangeRequest.objects.exclude(status=ChangeRequest.Status.DRAFT).select_related(
            "organization", "site", "submitted_by", "submitted_by__profile", "decided_by"
        ),
        pk=pk,
    )


def _refused(request, change, exc):
    if change.submitted_by_id == request.user.pk:
        return forbidden(
            request, _("You filed this request yourself: another moderator decides it.")
        )
    return forbidden(request, str(exc) or _("You cannot decide this request."))


@moderator_required
def change_detail(request, pk):
    return _page(request, _change(pk))


@require_POST
@moderator_required
def approve(request, pk):
    change = _change(pk)
    try:
        workflow.approve(
            change.pk,
            request.user,
            override_conflicts=request.POST.get("override_conflicts") == "1",
            revision=_revision(request.POST.get("revision")),
        )
    except PermissionDenied as exc:
        return _refused(request, change, exc)
    except workflow.ConflictError as exc:
        return _page(request, _change(pk), status=409, conflict_error=exc)
    except (workflow.DecisionError, ValidationError) as exc:
        text = str(exc) if isinstance(exc, workflow.DecisionError) else " ".join(exc.messages)
        messages.error(request, text)
        return redirect("moderation:change", pk=pk)
    messages.success(
        request,
        _("Request #%(id)s approved: “%(summary)s”.") % {"id": pk, "summary": change.summary},
    )
    return redirect("moderation:queue")


@require_POST
@moderator_required
def reject(request, pk):
    change = _change(pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        if not request.user.has_perm("moderation.decide_change", change):
            return _refused(request, change, PermissionDenied())
        return _page(request, change, status=400, reject_form=form)
    try:
        workflow.reject(change.pk, request.user, form.cleaned_data["reason"])
    except PermissionDenied as exc:
        return _refused(request, change, exc)
    except workflow.DecisionError as exc:
        messages.error(request, str(exc))
        return redirect("moderation:change", pk=pk)
    messages.success(
        request,
        _("Request #%(id)s rejected: “%(summary)s”.") % {"id": pk, "summary": change.summary},
    )
    return redirect("moderation:queue")
