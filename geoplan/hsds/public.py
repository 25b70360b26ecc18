"""What the HSDS API and export publish: the same records as `/api/sites/`.

Services: published services at located sites (Service.objects.published()), illustrative ones
included and flagged, as the public API does. Organisations: only those that run a published
service or own a site with one. Organisations are also created by imports and by the admin long
before anything of theirs is approved; publishing only those with public services keeps an
organisation out of sight until a moderator has approved something of it, and every
organization_id a published record names is listed.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q

from geoplan.registry.models import Organization, Service, Site

from .ids import pk_for


def services():
    """Published services with everything their HSDS objects need, in a stable order."""
    return (
        Service.objects.published()
        .select_related("category", "organization", "site", "site__organization")
        .prefetch_related(
            "schedules",
            "closures",
            # The site's other public services: a location's step-free access is theirs too.
            Prefetch(
                "site__services",
                Service.objects.published().order_by("name", "pk"),
                to_attr="public_services",
            ),
        )
        .order_by("pk")
    )


def organisation_of(service: Service) -> Organization | None:
    """Who provides ``service``: its own organisation, else its site's."""
    return service.organization or service.site.organization


def organisations():
    published = Service.objects.published()
    return Organization.objects.filter(
        Q(pk__in=published.values("organization_id"))
        | Q(pk__in=published.values("site__organization_id"))
    ).order_by("name", "pk")


def provided_by(organisation_pk: int) -> Q:
    """Services whose provider (see organisation_of) is this organisation."""
    return Q(organization_id=organisation_pk) | Q(
        organization__isnull=True, site__organization_id=organisation_pk
    )


def services_of(organisation_pk: int):
    return services().filter(provided_by(organisation_pk))


def sites_of(organisation_pk: int):
    """The organisation's sites that have a published service (its HSDS locations)."""
    return (
        Site.objects.located()
        .filter(organization_id=organisation_pk, pk__in=Service.objects.published().values("site"))
        .prefetch_related(
            Prefetch(
                "services",
                Service.objects.published().order_by("name", "pk"),
                to_attr="public_services",
            )
        )
        .order_by("name", "pk")
    )


def service_pk(hsds_id: str, kind: str = "service") -> int | None:
    return pk_for(kind, hsds_id, Service.objects.published().values_list("pk", flat=True))


def organisation_pk(hsds_id: str) -> int | None:
    return pk_for("organization", hsds_id, organisations().values_list("pk", flat=True))
