"""A partner's change requests: the list, one request, and editing, submitting or withdrawing it."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from geoplan.accounts.roles import organisation_ids
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.proposal import snapshot_service, snapshot_site
from geoplan.moderation.workflow import DecisionError, revise, submit_draft, withdraw
from geoplan.registry.models import Service

from .access import own_change, own_changes, partner_required
from .display import describe
from .proposal_form import ProposalForm
from .views import file_from_form, render_form

PER_PAGE = 30


@partner_required
def changes(request):
    requests = (
        own_changes(request.user)
        .select_related("organization", "site", "submitted_by")
        .defer("payload", "base")
        .order_by("-created_at", "-pk")
    )
    status = request.GET.get("status", "")
    if status in ChangeRequest.Status.values:
        requests = requests.filter(status=status)
    else:
        status = ""
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partner/changes.html",
        {
            "page": page,
            "status": status,
            "statuses": ChangeRequest.Status.choices,
            "nav": "changes",
        },
    )


def _acting(request, pk) -> ChangeRequest:
    """A request the partner may act on: one of its own organisations'."""
    change = own_change(request.user, pk)
    if not request.user.has_perm("registry.propose_change", change):
        raise Http404
    if change.site is not None and not request.user.has_perm(
        "registry.propose_change", change.site
    ):
        # The site has moved to another organisation since: its values are no longer this
        # partner's to see or change.
        raise Http404
    return change


def can_edit(change: ChangeRequest) -> bool:
    """Drafts and pending requests can be revised: a moderator's approval names the revision
    it reviewed, so a revision made meanwhile is never applied unseen."""
    return change.is_open and (change.creates_site or change.site_id is not None)


@partner_required
def change(request, pk):
    change = own_change(request.user, pk)
    acts = request.user.has_perm("registry.propose_change", change)
    return render(
        request,
        "partner/change.html",
        {
            "change": change,
            "sections": describe(change),
            "can_edit": acts and can_edit(change),
            "can_submit": acts and change.status == ChangeRequest.Status.DRAFT,
            "can_withdraw": acts and change.is_open,
        },
    )


def _form_for(change: ChangeRequest, user, data) -> ProposalForm:
    payload = change.payload or {}
    services = payload.get("services", [])
    organisations = organisation_ids(user)
    if change.creates_site:
        return ProposalForm(
            organisations,
            data,
            site_initial=payload.get("site", {}),
            services=[(None, services[0] if services else {})],
            passthrough=services[1:],
        )
    site = change.site
    current = {
        s.pk: s
        for s in Service.objects.filter(site=site, pk__in=[s.get("id") for s in services])
        .select_related("category")
        .prefetch_related("schedules", "closures")
    }
    shown, passthrough, snapshots = [], [], {}
    for service in services:
        if service.get("id") is None:
            shown.append((None, service))
        elif service["id"] in current:
            now = snapshots[service["id"]] = snapshot_service(current[service["id"]])
            shown.append((service["id"], {**now, **service}))
        else:
            passthrough.append(service)
    return ProposalForm(
        organisations,
        data,
        with_site="site" in payload,
        site_initial={**snapshot_site(site), **payload.get("site", {})},
        services=shown,
        current=snapshots,
        passthrough=passthrough,
    )


@partner_required
def change_edit(request, pk):
    change = _acting(request, pk)
    if not can_edit(change):
        messages.error(request, _("This request can no longer be changed."))
        return redirect("partner:change", change.pk)
    form = _form_for(change, request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST":
        saved = file_from_form(
            request,
            form,
            lambda f, submit: revise(change, request.user, f.payload(), submit=submit),
        )
        if saved is not None:
            return redirect("partner:change", saved.pk)
    return render_form(
        request,
        form,
        title=_("Change request #%(id)s") % {"id": change.pk},
        intro=change.summary,
        cancel_url=reverse("partner:change", args=[change.pk]),
        site=change.site,
        change=change,
        drafts=change.status == ChangeRequest.Status.DRAFT,
    )


@partner_required
@require_POST
def change_submit(request, pk):
    change = _acting(request, pk)
    try:
        submit_draft(change, request.user)
    except DecisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Sent for review: the public will see it once a city moderator approves it."),
        )
    return redirect("partner:change", change.pk)


@partner_required
@require_POST
def change_withdraw(request, pk):
    change = _acting(request, pk)
    try:
        withdraw(change, request.user)
    except DecisionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The request was withdrawn: nothing of it will be applied."))
    return redirect("partner:change", change.pk)
