"""The portal's home page, the one-click confirmation of a service, and what the form pages share.

Pages for sites and services are in site_views.py and service_views.py, change requests in
change_views.py, the address suggestions and location checks in lookup_views.py.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from geoplan.accounts.roles import is_illustrative, organisation_ids
from geoplan.moderation.models import ChangeRequest
from geoplan.moderation.proposal import ProposalError
from geoplan.moderation.workflow import DecisionError
from geoplan.registry.models import Organization, Site, Status

from .access import own_changes, own_service, partner_required
from .proposal_form import ProposalForm
from .status import SiteRequests, new_site_requests, site_requests

# A history record's reason is stored data: one language, whatever the partner's.
CONFIRMED_REASON = "confirmed still accurate"


@partner_required
def index(request):
    user = request.user
    organisations = Organization.objects.filter(pk__in=organisation_ids(user))
    sites = list(
        Site.objects.filter(organization__in=organisations)
        .select_related("organization")
        .prefetch_related("services__category")
        .order_by("name")
    )
    changes = list(own_changes(user).defer("base").order_by("-created_at", "-pk"))
    requests_by_site = site_requests(changes)
    for site in sites:
        site.requests = requests_by_site.get(site.pk) or SiteRequests()
        site.service_list = site.requests.decorate(site.services.all())
    return render(
        request,
        "partner/index.html",
        {
            "organisations": organisations,
            "account_illustrative": is_illustrative(user),
            "sites": sites,
            "new_sites": new_site_requests(changes),
            "open_count": sum(1 for c in changes if c.is_open),
            "nav": "index",
        },
    )


@partner_required
@require_POST
def service_verify(request, pk):
    service = own_service(request.user, pk)
    if not request.user.has_perm("registry.verify_service", service):
        raise PermissionDenied
    back = _next_url(request)
    if service.status != Status.PUBLISHED:
        messages.error(request, _("Only a running service can be confirmed as still accurate."))
        return redirect(back)
    today = timezone.localdate()
    service.last_verified = today
    service._history_user = request.user
    service._change_reason = CONFIRMED_REASON
    service.save(update_fields=["last_verified"])
    messages.success(
        request,
        _("Thank you: confirmed on %(date)s") % {"date": date_format(today, "DATE_FORMAT")},
    )
    return redirect(back)


def _next_url(request) -> str:
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("partner:index")


# ---------------------------------------------------------------------------------------------
# Shared by the form pages (new site, site details, service, editing a request).
# ---------------------------------------------------------------------------------------------
def file_from_form(request, form: ProposalForm, file) -> ChangeRequest | None:
    """Read the form, call ``file(form, submit)``; on success say so and return the request."""
    submit = request.POST.get("action") != "draft"
    if not form.is_valid():
        return None
    try:
        change = file(form, submit)
    except ProposalError as exc:
        form.add_proposal_errors(exc)
        return None
    except (PermissionDenied, DecisionError) as exc:
        form.add_error(str(exc) or _("You cannot change this record."))
        return None
    if change.status == ChangeRequest.Status.PENDING:
        messages.success(
            request,
            _("Sent for review: the public will see it once a city moderator approves it."),
        )
    else:
        messages.success(
            request,
            _("Saved as a draft: it goes to the city's moderators only when you submit it."),
        )
    return change


def render_form(request, form: ProposalForm, *, title: str, cancel_url: str, **extra):
    site = extra.get("site")
    tiles = settings.LEAFLET_CONFIG["TILES"][0]
    config = {
        "geocodeUrl": reverse("partner:geocode"),
        "checkUrl": reverse("partner:check"),
        "siteId": site.pk if site is not None else None,
        "center": list(settings.LEAFLET_CONFIG["DEFAULT_CENTER"]),
        "zoom": settings.LEAFLET_CONFIG["DEFAULT_ZOOM"],
        "tiles": {"url": tiles[1], **tiles[2]},
        "labels": {
            "streetLevel": _(
                "The pin stands on the street, not at the building: drag it to the entrance."
            ),
            "noWarnings": _("No warnings for this place."),
            "checking": _("Checking the place…"),
            "checkFailed": _("The place could not be checked now; it will be checked on saving."),
            "pinPlaced": _("Pin placed at %(lat)s, %(lon)s."),
        },
    }
    return render(
        request,
        "partner/proposal_form.html",
        {
            "form": form,
            "title": title,
            "cancel_url": cancel_url,
            "config": config,
            **extra,
        },
        status=400 if request.method == "POST" and form.has_errors() else 200,
    )
