"""A change request's one-line summary, said in the reader's language (not the filer's)."""

from django.utils.translation import gettext as _


def describe(change) -> str:
    payload = change.payload or {}
    if change.creates_site:
        return _("New site: %(name)s") % {"name": payload.get("site", {}).get("name", "")}
    from geoplan.registry.models import Service

    parts = []
    if "site" in payload:
        parts.append(_("site details"))
    services = payload.get("services", [])
    ids = [s["id"] for s in services if s.get("id") is not None]
    names = dict(Service.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
    for service in services:
        if service.get("id") is None:
            parts.append(_("new service %(name)s") % {"name": service.get("name", "")})
        else:
            name = service.get("name") or names.get(service["id"]) or f"#{service['id']}"
            parts.append(_("service %(name)s") % {"name": name})
    site = change.site.name if change.site_id and change.site else ""
    if not site:
        return change.summary_filed
    return _("%(site)s: %(what)s") % {"site": site, "what": ", ".join(parts)}
