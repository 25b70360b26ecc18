from django.middleware.csrf import get_token
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _


def planner_map(request):
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
        "cityMean": _("City: mean walk"),
        "whatIfHint": _("Click the map where a new site of the chosen category could open."),
        "whatIfNone": _("No zone gains access within 15 minutes from this point."),
        "newlyWithin": _("residents newly within 15 min"),
        "proposed": _("PROPOSED – not a real site"),
        "rankChange": _("gap rank"),
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
                "csrfToken": get_token(request),
                "defaultCategory": "night_shelter",
                "labels": labels,
            }
        },
    )


def methods(request):
    return render(request, "maps/methods.html")
