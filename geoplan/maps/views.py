"""The planners' workspace at /plan/ (planners only) and the methods page."""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from geoplan.accounts.views import forbidden
from geoplan.planning.permissions import planner_required
from geoplan.planning.workspace_config import workspace_config

# The workspace is written in Italian and English (the staff pages' languages).
WORKSPACE_LANGUAGES = ("it", "en")
# Gap thresholds the runs store shares for (minutes).
THRESHOLDS_MIN = (10, 15, 20)


def planners_only(view):
    """planner_required, with the 403 page saying who the page is for."""
    guarded = planner_required(view)

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return guarded(request, *args, **kwargs)
        except PermissionDenied:
            return forbidden(
                request,
                _(
                    "The planners' workspace is for the city's planners. Ask an administrator "
                    "for the planner role if you need it."
                ),
            )

    return wrapped


def _chosen_language(request) -> str | None:
    """``?lang=it|en`` from a shared link: the page, and the API calls it makes, speak it."""
    lang = request.GET.get("lang")
    return lang if lang in WORKSPACE_LANGUAGES else None


def _remember_language(response, lang: str) -> None:
    # The same cookie Django's language switch sets, so the map's API calls agree with the page.
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        lang,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@planners_only
def planner_map(request):
    lang = _chosen_language(request)
    if lang:
        translation.activate(lang)
        request.LANGUAGE_CODE = lang
    response = _render_map(request)
    if lang:
        _remember_language(response, lang)
    return response


def _render_map(request):
    # Strings the map script shows, translated here so the script holds no language.
    labels = {
        "address": _("Address"),
        "category": _("Category"),
        "precision": _("Location"),
        "approximate": _("approximate: street level"),
        "building": _("building"),
        "population": _("Population (2023)"),
        "density": _("Density"),
        "zone": _("Zona statistica"),
        "circoscrizione": _("Circoscrizione"),
        "capacity": _("Capacity"),
        "hours": _("Hours"),
        "source": _("Source"),
        "asOf": _("facts as of"),
        "illustrative": _("ILLUSTRATIVE – not a real service"),
        # A service's details in the site popup; field names reuse the registry's translations.
        "hoursAsPublished": capfirst(_("opening hours as published")),
        # {start} and {end} are replaced by dates: a season of the weekly hours.
        "seasonFromTo": _("from {start} to {end}"),
        "seasonFrom": _("from {start}"),
        "seasonTo": _("until {end}"),
        # {dates} is replaced by a date or a range of dates.
        "closedOn": _("closed {dates}"),
        "closedHolidays": _("closed on public holidays"),
        "phone": capfirst(_("phone")),
        "email": capfirst(_("email")),
        "website": capfirst(_("website")),
        "languages": _("Languages spoken"),
        "stepFree": capfirst(_("step-free access")),
        "yes": _("Yes"),
        "no": _("No"),
        "targetGroups": capfirst(_("target groups")),
        "eligibility": capfirst(_("eligibility")),
        "lastVerified": capfirst(_("last verified")),
        "noData": _("no data"),
        "loadError": _("Could not load the map data. Reload the page to try again."),
        "sitesShown": _("services shown"),
        "unreachable": _("no site reachable"),
        "cell": _("H3 cell"),
        "nearest": _("Nearest service"),
        "residents": _("Residents (estimated)"),
        "sitesWithin15": _("Services within 15 min"),
        "gap": _("Gap"),
        "rank": _("rank"),
        "need": _("Need index"),
        "within15": _("within 15 min"),
        "meanMin": _("Mean walk"),
        "noRun": _("No accessibility results yet."),
        # The city's summary above the gap table: {mean} minutes, {share} a percent within {t}
        # minutes, {gini} and {palma} the inequality of walking minutes.
        "citySummary": _(
            "City: mean walk {mean} min · within {t} min {share} · Gini {gini} · Palma {palma}"
        ),
        # {n} is replaced by a number of minutes.
        "minutes": _("{n} min"),
        "whatIfHint": _(
            "Click the map where new sites of the chosen category could open: each click adds "
            "one and the answer counts them together."
        ),
        "whatIfNone": _("No zone gains access within 15 minutes from these sites."),
        "whatIfWorking": _("Computing…"),
        "whatIfTooMany": _("At most 20 proposed sites at once."),
        "newlyWithin": _("residents newly within 15 min"),
        "zonesGaining": _("zones gain residents within 15 min"),
        "zonesCloser": _("zones closer but still beyond 15 min"),
        "gainsTitle": _("Newly within 15 min"),
        "closerTitle": _("Closer but still beyond 15 min"),
        # {min} is replaced by the minutes.
        "fromUnreachable": _("from unreachable to {min} min"),
        "proposed": _("PROPOSED – not a real site"),
        "proposal": _("Proposed site"),
        "remove": _("Remove"),
        "rankChange": _("gap rank"),
        "placeStart": _("Place proposed sites"),
        "placeStop": _("Done placing"),
        # {t} is replaced by the threshold in minutes.
        "residentsBeyond": _("residents beyond {t} min"),
        "gapPeople": _("gap"),
        "gapPeopleUnit": _("need-weighted residents beyond {t} min"),
        "intensity": _("intensity"),
        "people": _("people"),
        "residentsIn": _("Residents"),
        "zoneDetails": _("Zone details"),
        "indicators": _("Indicators"),
        "needComponents": _("Need of this zone for {category}"),
        "component": _("Indicator"),
        "weight": _("Weight"),
        "zScore": _("z-score"),
        "needPercentile": _("need percentile"),
        "accessByCategory": _("Walking access by category"),
        "sitesNearby": _("Services nearby"),
        "inZone": _("in the zone"),
        "close": _("Close"),
        "year": _("year"),
        "loading": _("Loading…"),
        "notAvailable": _("Not available yet."),
        "needNone": _("none"),
        # {category} is replaced by the chosen category.
        "needIndexOf": _("Need index for {category}"),
        "indicatorsGroup": _("Indicators"),
        "licence": _("Licence"),
        "method": _("Classes"),
        # {when} is replaced by the date and time the walking times were computed.
        "computedAt": _("Walking times computed {when}"),
        **workspace_labels(),
    }
    return render(
        request,
        "maps/index.html",
        {
            "config": {
                "layersUrl": reverse("api:layers"),
                "categoriesUrl": reverse("api:categories"),
                "cityUrl": reverse("api:city"),
                "worstUrl": reverse("api:access-worst"),
                "whatIfUrl": reverse("api:access-what-if"),
                "indicatorsUrl": reverse("api:indicators"),
                "needUrl": reverse("api:access-need"),
                "needProfileUrl": reverse("api:need-profile", args=["CODE"]),
                # The script puts a zone's or an indicator's code in place of the placeholder.
                "zoneUrl": reverse("api:zone-detail", args=["CODE"]),
                "indicatorUrl": reverse("api:indicator-detail", args=["CODE"]),
                "csrfToken": get_token(request),
                "defaultCategory": "night_shelter",
                "thresholds": THRESHOLDS_MIN,
                "defaultThreshold": 15,
                "languages": WORKSPACE_LANGUAGES,
                # Runs are dated in the city's time, whatever the browser's.
                "timeZone": settings.TIME_ZONE,
                "labels": labels,
                # The scenarios, siting and comparison panel (geoplan.planning).
                "workspace": workspace_config(request),
            }
        },
    )


def methods(request):
    return render(request, "maps/methods.html")


def workspace_labels() -> dict:
    """Strings of the gap table, the need weights and the shared view."""
    return {
        # {t} is replaced by the threshold in minutes.
        "thresholdNote": _("Threshold: {t} min. Classes up to it are within reach."),
        "withinT": _("within {t} min"),
        "beyondT": _("beyond {t} min"),
        "cityWithin": _("Residents within {t} min (city)"),
        "colZone": _("Zone"),
        "colCirc": _("Circ."),
        "colPopulation": _("Residents"),
        "colShare": _("Within {t} min"),
        "colMean": _("Mean walk (min)"),
        "colNeedPct": _("Need percentile"),
        "colGap": _("Gap (need-weighted residents beyond {t} min)"),
        "colRank": _("Rank"),
        "sortBy": _("Sort by {column}"),
        "allCirc": _("All circoscrizioni"),
        # {n} is replaced by a circoscrizione's number.
        "circN": _("Circoscrizione {n}"),
        # {shown} and {total} are numbers of zones.
        "zonesShown": _("{shown} of {total} zones"),
        "higherMore": _("higher = more need"),
        "lowerMore": _("lower = more need"),
        # {category} is replaced by the chosen category.
        "saveAs": _("Save as the profile of {category}"),
        "saved": _("Saved; the maps update after the next recompute."),
        "unsaved": _("Weights changed here only: the table is recomputed in your browser."),
        # {reason} is replaced by the server's sentence saying why.
        "saveFailed": _("Not saved: {reason}"),
        "noWeights": _("Give at least one indicator a weight above 0."),
        "weightsTitle": _("Need weights for {category}"),
    }
