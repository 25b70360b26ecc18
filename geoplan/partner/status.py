"""Where each change request stands, as the portal's home page shows it.

Open requests (draft, pending review) are shown by the site and the service they concern; a
rejection is shown, with its reason, until a newer request for the same site is filed.
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


def new_site_requests(changes: list[ChangeRequest]) -> list[ChangeRequest]:
    """New sites still waiting (draft or pending review), and rejected ones not filed again
    since under the same name; ``changes`` newest first."""
    shown = []
    seen_names = set()
    for change in changes:
        if not change.creates_site or change.site_id is not None:
            continue
        name = fold((change.payload or {}).get("site", {}).get("name", ""))
        if (
            change.is_open
            or change.status == ChangeRequest.Status.REJECTED
            and name not in seen_names
        ):
            shown.append(change)
        seen_names.add(name)
    return shown
