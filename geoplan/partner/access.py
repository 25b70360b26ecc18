"""Who may enter the partner portal, and the records a partner may open.

A partner is an account that belongs to at least one organisation. It sees only its
organisations' sites, services and change requests: any other id is answered 404, as if the
record did not exist, so that ids of other organisations' records reveal nothing.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from geoplan.accounts.roles import organisation_ids
from geoplan.moderation.models import ChangeRequest
from geoplan.registry.models import Service, Site


def partner_required(view):
    """Logged out: to the login page. Logged in without an organisation: a 403 page that says so."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not organisation_ids(request.user):
            return render(request, "partner/not_partner.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper


def own_site(user, pk) -> Site:
    site = (
        Site.objects.filter(pk=pk, organization_id__in=organisation_ids(user))
        .select_related("organization")
        .first()
    )
    if site is None or not user.has_perm("registry.propose_change", site):
        raise Http404
    return site


def own_service(user, pk) -> Service:
    """A service at one of the partner's sites (the site's organisation is the one that counts,
    as when a change is proposed)."""
    service = (
        Service.objects.filter(pk=pk, site__organization_id__in=organisation_ids(user))
        .select_related("site", "site__organization", "category")
        .first()
    )
    if service is None or not user.has_perm("registry.propose_change", service.site):
        raise Http404
    return service


def own_changes(user):
    return ChangeRequest.objects.filter(organization_id__in=organisation_ids(user))


def own_change(user, pk) -> ChangeRequest:
    change = (
        own_changes(user)
        .filter(pk=pk)
        .select_related("organization", "site", "submitted_by", "decided_by")
        .first()
    )
    if change is None or not user.has_perm("moderation.see_change", change):
        raise Http404
    return change
