"""A new service at a partner's site, and changes to a service."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from geoplan.accounts.roles import organisation_ids
from geoplan.moderation.proposal import snapshot_service
from geoplan.moderation.workflow import propose

from .access import own_service, own_site, partner_required
from .proposal_form import ProposalForm
from .views import file_from_form, render_form


@partner_required
def service_new(request, pk):
    site = own_site(request.user, pk)
    form = ProposalForm(
        organisation_ids(request.user),
        request.POST if request.method == "POST" else None,
        with_site=False,
        services=[(None, {})],
    )
    if request.method == "POST":
        change = file_from_form(
            request,
            form,
            lambda f, submit: propose(request.user, f.payload(), site, submit=submit),
        )
        if change is not None:
            return redirect("partner:change", change.pk)
    return render_form(
        request,
        form,
        title=_("New service at %(site)s") % {"site": site.name},
        intro=_("The service becomes public once a city moderator approves it."),
        cancel_url=reverse("partner:site", args=[site.pk]),
        site=site,
        drafts=True,
    )


@partner_required
def service_edit(request, pk):
    service = own_service(request.user, pk)
    site = service.site
    current = snapshot_service(service)
    form = ProposalForm(
        organisation_ids(request.user),
        request.POST if request.method == "POST" else None,
        with_site=False,
        services=[(service.pk, current)],
        current={service.pk: current},
    )
    if request.method == "POST":
        change = file_from_form(
            request,
            form,
            lambda f, submit: propose(request.user, f.payload(), site, submit=submit),
        )
        if change is not None:
            return redirect("partner:change", change.pk)
    return render_form(
        request,
        form,
        title=_("Change %(service)s at %(site)s") % {"service": service.name, "site": site.name},
        intro=_("Only what you change is sent; the current details stay public until approved."),
        cancel_url=reverse("partner:site", args=[site.pk]),
        site=site,
        service=service,
        drafts=True,
    )
