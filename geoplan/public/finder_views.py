"""The finder at "/": search, near me, categories, filters, the nearest sites on foot; and the
service worker that keeps it usable offline after a first visit."""

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from geoplan.registry.models import Service, ServiceCategory
from geoplan.registry.vocabulary import LANGUAGES, TargetGroup

SERVICE_WORKER = "js/public/sw.js"


def public_categories(language: str) -> list[dict]:
    """Categories with at least one published, located service: a chip that can only ever
    answer "nothing found" would waste a person's time."""
    offered = Service.objects.published().values("category_id")
    return [
        {"code": c.code, "name": c.name(language), "color": c.color}
        for c in ServiceCategory.objects.filter(pk__in=offered)
    ]


def _tiles() -> dict:
    _name, url, options = settings.LEAFLET_CONFIG["TILES"][0]
    return {"url": url, "maxZoom": options.get("maxZoom", 19)}


def finder_labels() -> dict:
    """What the finder's scripts say, in the active language (the scripts hold no language).
    Words in braces are replaced by the script."""
    return {
        # The search box and its suggestions.
        "searching": _("Looking for places…"),
        # {n} is replaced by a number.
        "suggestions": _("Suggestions: {n}. Use the up and down arrows, then Enter."),
        # {q} is replaced by what the person typed.
        "noPlace": _(
            "No place found for “{q}”. Try a street name, a neighbourhood or the name of a service."
        ),
        "typeSomething": _("Type an address, a street, a place or the name of a service."),
        "kind_site": _("Place of service"),
        "kind_zone": _("Neighbourhood"),
        "kind_street": _("Street"),
        # {place} is replaced by the place chosen.
        "from": _("From: {place}"),
        "streetLevel": _(
            "Street-level position: walking times are counted from a point on the street."
        ),
        # Near me.
        "locating": _("Finding your position…"),
        "myPosition": _("Your position"),
        "geoUnsupported": _(
            "This browser cannot give your position. Type an address or a street instead."
        ),
        "geoDenied": _(
            "Access to your position was refused. Type an address or a street instead, or allow "
            "this site to use your location in the browser's settings."
        ),
        "geoUnavailable": _(
            "Your position is not available right now. Type an address or a street instead."
        ),
        "geoTimeout": _(
            "Finding your position took too long. Try again, or type an address or a street."
        ),
        "outsideCity": _(
            "You seem to be outside Turin: this finder covers the city of Turin only. Type an "
            "address in Turin instead."
        ),
        # Loading, results and their absence.
        "loading": _("Finding the nearest places on foot…"),
        # {n} is replaced by how many places are listed, {place} by the starting point.
        "results": _("Nearest places on foot from {place}: {n}, nearest first."),
        "noResults": _(
            "No place matches these choices. Choose another category or remove a filter."
        ),
        "clearFilters": _("Remove the filters"),
        # {n} is replaced by a number of services.
        # The count is of the whole city's services matching the other choices.
        "unknownHours": _(
            "Not shown: {n} in the whole city (we do not know their opening hours in a form we "
            "can check, so we cannot tell whether they are open then)."
        ),
        "chooseStart": _(
            "Search for an address or press “Near me” to see the nearest places on foot."
        ),
        "networkError": _("Could not reach the server. Check your connection and try again."),
        "serverError": _("Something went wrong on our side. Please try again in a moment."),
        "retry": _("Try again"),
        # Offline. {when} is replaced by a date and time.
        "offlineSaved": _("Offline — showing the last results saved on this phone ({when})."),
        "offlineNotSaved": _(
            "You are offline, and the results of this search are not saved on this phone."
        ),
        "offline": _(
            "You are offline. Searching needs a connection; the last results you saw are kept."
        ),
        # One result. {min} is replaced by minutes, {m} by metres, {km} by kilometres.
        "minutes": _("{min} min walk"),
        "meters": _("{m} m"),
        "kilometres": _("{km} km"),
        "approximate": _("Approximate location: only the street is known, not the building."),
        "sameStreet": _(
            "On the same street as your search: the walk depends on the house numbers."
        ),
        "illustrative": _("Illustrative — not a real service"),
        "hoursAsPublished": _("Hours as published:"),
        "hoursUnknown": _("Hours not known"),
        "stepFree": _("Step-free access"),
        "speaks": _("Languages spoken:"),
        "forGroups": _("For:"),
        "phone": _("Phone:"),
        "showRoute": _("Show the walking route"),
        # {name} is replaced by the place's name.
        "routeShown": _("Walking route to {name} shown on the map: {walk}, {distance}."),
        "routeHidden": _("Walking route hidden."),
        # The map.
        "showMap": _("Show the map"),
        "hideMap": _("Hide the map"),
        "mapLoading": _("Loading the map…"),
        "mapUnavailable": _("The map could not be loaded. The list has every result."),
        "start": _("Starting point"),
        # {n} is replaced by the place's number in the list, {name} by its name.
        "marker": _("{n}. {name}"),
        "tilesCredit": _("© OpenStreetMap contributors"),
        "zoomIn": _("Zoom in"),
        "zoomOut": _("Zoom out"),
        "eligibility": _("Who can use it:"),
    }


def finder(request):
    language = get_language() or "it"
    categories = public_categories(language)
    config = {
        "geocodeUrl": reverse("api:geocode"),
        "nearestUrl": reverse("api:nearest"),
        "serviceWorkerUrl": reverse("public:service-worker"),
        # The map is fetched only when someone asks for it: the list is the first view.
        "leaflet": {"js": static("leaflet/leaflet.js"), "css": static("leaflet/leaflet.css")},
        "tiles": _tiles(),
        "center": list(settings.LEAFLET_CONFIG["DEFAULT_CENTER"]),
        "limit": 5,
        "categories": {c["code"]: c["name"] for c in categories},
        "languageNames": {code: str(label) for code, label in LANGUAGES},
        "labels": finder_labels(),
    }
    return render(
        request,
        "public/finder.html",
        {
            "config": config,
            "categories": categories,
            "target_groups": TargetGroup.choices,
            "spoken_languages": [(code, str(label)) for code, label in LANGUAGES],
        },
    )


def service_worker(request):
    """The service worker, from its file in the static folder, at the root so that its scope
    covers the finder's page (a worker's scope cannot be above its own URL)."""
    path = finders.find(SERVICE_WORKER)
    if path is None:
        raise Http404(_("The service worker file is missing."))
    with open(path, encoding="utf-8") as source:
        response = HttpResponse(source.read(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    # Browsers check for a new worker at each visit; an old copy must never be kept.
    response["Cache-Control"] = "no-cache"
    return response
