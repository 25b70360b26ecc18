"""A partner's site: its page, a new site (with its first service), and changes to its details."""

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from geoplan.accounts.roles import organisation_ids
from geoplan.moderation.proposal import snapshot_site
from geoplan.moderation.workflow import propose

from .access import own_changes, own_site, partner_required
from .proposal_form import ProposalForm
from .status import site_requests
from .views import file_from_form, render_form


@partner_required
def site_detail(request, pk):
    site = own_site(request.user, pk)
    changes = list(own_changes(request.user).filter(site=site).order_by("-created_at", "-pk"))
    requests = site_requests(changes).get(site.pk)
    services = site.services.select_related("category").order_by("name")
    return render(
        request,
        "partner/site.html",
        {
            "site": site,
            "requests": requests,
            "services": requests.decorate(services) if requests else list(services),
            "changes": changes[:30],
        },
    )


@partner_required
def site_new(request):
    organisations = organisation_ids(request.user)
    form = ProposalForm(
        organisations, request.POST if request.method == "POST" else None, services=[(None, {})]
    )
    if request.method == "POST":
        change = file_from_form(
            request,
            form,
            lambda f, submit: propose(request.user, f.payload(), None, submit=submit),
        )
        if change is not None:
            return redirect("partner:change", change.pk)
    return render_form(
        request,
        form,
        title=_("Propose a new site"),
        intro=_(
            "A new site needs its place on the map and at least one service. Nothing is public "
            "until a city moderator approves it."
        ),
        cancel_url=reverse("partner:index"),
        drafts=True,
        nav="site_new",
    )


@partner_required
def site_edit(request, pk):
    site = own_site(request.user, pk)
    form = ProposalForm(
        organisation_ids(request.user),
        request.POST if request.method == "POST" else None,
        site_initial=snapshot_site(site),
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
        title=_("Change the details of %(site)s") % {"site": site.name},
        intro=_("Only what you change is sent; the current details stay public until approved."),
        cancel_url=reverse("partner:site", args=[site.pk]),
        site=site,
        drafts=True,
    )
