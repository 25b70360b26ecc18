"""A public page per site (a shareable URL) and "report a problem" about it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from geoplan.moderation.models import ProblemReport
from geoplan.registry.models import LocationPrecision, Service, Site
from geoplan.registry.open_state import describe

from . import report_limit, site_facts
from .report_forms import ProblemReportForm


def public_site(pk: int) -> Site:
    """A located site with at least one published service, else 404 (the same for a draft, a
    pending, a planned or an unknown site)."""
    return get_object_or_404(
        Site.objects.located().filter(pk__in=Service.objects.published().values("site_id")), pk=pk
    )


def published_services(site: Site) -> list[Service]:
    return list(
        Service.objects.published()
        .filter(site=site)
        .select_related("category")
        .prefetch_related("schedules", "closures")
        .order_by("category__order", "name", "pk")
    )


def service_facts(service: Service, language: str, now) -> dict:
    """One service as the page shows it: its record, its state now and its facts in words."""
    phones = site_facts.phone_numbers(service.phone)
    return {
        "service": service,
        "category": service.category.name(language),
        "now": describe(service, now),
        "seasons": site_facts.weekly_hours(service.schedules.all(), timezone.localdate(now)),
        "closures": site_facts.current_closures(service.closures.all(), timezone.localdate(now)),
        "phones": phones,
        # The published text too when it has words beside the numbers (an office, a time).
        "phone_note": service.phone if phones and site_facts.has_words(service.phone) else "",
        "website": site_facts.web_address(service.website),
        "source": site_facts.web_address(service.source_url),
        "source_host": site_facts.host(service.source_url),
        "website_host": site_facts.host(service.website),
        "target_groups": site_facts.target_group_labels(service.target_groups),
        "languages": site_facts.language_names(service.languages),
        "step_free": site_facts.step_free_words(service.step_free_access),
    }


def _page(request, site: Site, services: list[Service], form=None, status=200):
    language = get_language() or "it"
    now = timezone.now()  # one moment for the whole page
    rows = [service_facts(s, language, now) for s in services]
    categories = list(dict.fromkeys(row["category"] for row in rows))
    return render(
        request,
        "public/site.html",
        {
            "site": site,
            "rows": rows,
            "categories": categories,
            # Names and addresses are Turin's own, in Italian, whatever the language of the
            # record's other texts (the shipped records' notes are written in English).
            "name_language": "it",
            "street_level": site.location_precision == LocationPrecision.STREET,
            "all_illustrative": all(s.is_illustrative for s in services),
            # The finder lists the nearest places of this kind from wherever the person is
            # (it has no route to one chosen destination yet).
            "finder_url": reverse("public:finder") + f"?category={services[0].category.code}",
            "form": form or ProblemReportForm(services=services),
        },
        status=status,
    )


def _site_with_services(pk: int) -> tuple[Site, list[Service]]:
    site = public_site(pk)
    services = published_services(site)
    if not services:  # unpublished since the site was found
        raise Http404
    return site, services


@require_safe
def site_page(request, pk: int):
    site, services = _site_with_services(pk)
    return _page(request, site, services)


def _too_many(request, site: Site):
    response = render(
        request,
        "public/report_limited.html",
        {"site": site, "per_hour": report_limit.REPORTS_PER_HOUR},
        status=429,
    )
    response["Retry-After"] = str(report_limit.WINDOW_S)
    return response


def _thanks(request, site: Site):
    messages.success(
        request,
        _("Thank you: your report has been sent. The city's staff will check this place."),
    )
    # With a fragment of its own: a redirect without one would keep the form's "#report".
    return redirect(reverse("public:site", args=[site.pk]) + "#thanks")


@require_http_methods(["GET", "HEAD", "POST"])
def report_problem(request, pk: int):
    """File what a person says is wrong with a site, for the moderators. Nothing in the
    registry changes; a client may file REPORTS_PER_HOUR reports an hour."""
    site, services = _site_with_services(pk)
    if request.method != "POST":  # a reloaded or shared address: the page's form
        return redirect(reverse("public:site", args=[site.pk]) + "#report")
    if report_limit.is_over(request):
        return _too_many(request, site)
    form = ProblemReportForm(request.POST, services=services)
    if form.is_from_a_robot:
        # Thanked like a person, so that it does not learn to leave the field alone.
        report_limit.count(request)
        return _thanks(request, site)
    if not form.is_valid():
        return _page(request, site, services, form=form, status=400)
    if not report_limit.count(request):
        return _too_many(request, site)
    ProblemReport.objects.create(
        site=site,
        service=form.chosen_service(),
        kind=form.cleaned_data["kind"],
        message=form.cleaned_data["message"].strip(),
        contact=form.cleaned_data["contact"].strip(),
        language=get_language() or "",
    )
    return _thanks(request, site)
