"""A public page per site (a shareable URL) and "report a problem" about it."""

from django.shortcuts import get_object_or_404, render

from geoplan.registry.models import Service, Site


def public_site(pk: int) -> Site:
    """A located site with at least one published service, else 404 (the same for a draft, a
    pending, a planned or an unknown site)."""
    return get_object_or_404(
        Site.objects.located().filter(pk__in=Service.objects.published().values("site_id")), pk=pk
    )


def site_page(request, pk: int):
    return render(request, "public/site.html", {"site": public_site(pk)})


def report_problem(request, pk: int):
    return render(request, "public/site.html", {"site": public_site(pk)})
