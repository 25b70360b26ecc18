"""Where each change request stands, as the portal's home page shows it.

Open requests (draft, pending review) are shown by the site and the service they concern; a
rejection is shown, with its reason, until a newer request for the same site is filed. New sites
are listed apart: those waiting for approval, and those rejected (with the reason) until filed
again under the same name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from geoplan.moderation.models import ChangeRequest
from geoplan.registry.text import fold


@dataclass
class SiteRequests:
    open: list[ChangeRequest] = field(default_factory=list)
    rejection: ChangeRequest | None = None
    by_service: dict[int, list[ChangeRequest]] = field(default_factory=dict)
    # Open requests adding a service: (request, the new service's name).
    new_services: list[tuple[ChangeRequest, str]] = field(default_factory=list)
    touches_site: list[ChangeRequest] = field(default_factory=list)

    def decorate(self, services) -> list:
        """The services, each with ``open_requests``: the open requests that change it."""
        services = list(services)
        for service in services:
            service.open_requests = self.by_service.get(service.pk, [])
        return services


def site_requests(changes: list[ChangeRequest]) -> dict[int, SiteRequests]:
    """Requests by site id; ``changes`` newest first."""
    found: dict[int, SiteRequests] = {}
    for change in changes:
        if change.site_id is None:
            continue
        entry = found.get(change.site_id)
        if entry is None:
            entry = found[change.site_id] = SiteRequests()
            if change.status == ChangeRequest.Status.REJECTED:
                entry.rejection = change
        if not change.is_open:
            continue
        entry.open.append(change)
        payload = change.payload or {}
        if "site" in payload and not change.creates_site:
            entry.touches_site.append(change)
        for service in payload.get("services", []):
            if service.get("id") is None:
                entry.new_services.append((change, service.get("name", "")))
            else:
                entry.by_service.setdefault(service["id"], []).append(change)
    return found


class NewSites(list):
    """New sites still waiting (a draft or a request pending review), and ``rejected``: the
    new sites not approved, each shown with its reason apart from those waiting."""

    def __init__(self, waiting: list[ChangeRequest], rejected: list[ChangeRequest]):
        super().__init__(waiting)
        self.rejected = rejected


def new_site_requests(changes: list[ChangeRequest]) -> NewSites:
    """New sites waiting for approval, with the rejected ones apart; ``changes`` newest first."""
    waiting = [change for change in changes if _new_site(change) and change.is_open]
    return NewSites(waiting, new_site_rejections(changes))


def new_site_rejections(changes: list[ChangeRequest]) -> list[ChangeRequest]:
    """Rejected new sites not filed again since under the same name; ``changes`` newest first."""
    shown = []
    seen_names = set()
    for change in changes:
        if not _new_site(change):
            continue
        name = fold((change.payload or {}).get("site", {}).get("name", ""))
        if change.status == ChangeRequest.Status.REJECTED and name not in seen_names:
            shown.append(change)
        seen_names.add(name)
    return shown


def _new_site(change: ChangeRequest) -> bool:
    """A request for a site not created (yet): a new one never approved."""
    return change.creates_site and change.site_id is None
