"""What the workspace's scripts need from the server: endpoint URLs and translated labels.

The map page puts this dict in its JSON configuration as ``config.workspace``; the comparison
page uses the same labels. URLs that take a scenario's id carry ``SCENARIO`` in its place (the
scripts substitute it), so that every route is still named here and nowhere in JavaScript.
"""

from django.urls import reverse
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from geoplan.accounts import roles

# A stand-in id, replaced by the scripts with the scenario's own.
SCENARIO_SLOT = 999999999


def _with_slot(name: str, *args) -> str:
    return reverse(name, args=[SCENARIO_SLOT, *args]).replace(str(SCENARIO_SLOT), "SCENARIO")


def scenario_url() -> str:
    return _with_slot("api:scenario")


def urls() -> dict:
    return {
        "scenariosUrl": reverse("api:scenarios"),
        "plannedUrl": reverse("api:scenario-planned"),
        "scenarioUrl": scenario_url(),
        "editsUrl": _with_slot("api:scenario-edits"),
        # EDIT is replaced by the edit's id.
        "editUrl": reverse("api:scenario-edit", args=[SCENARIO_SLOT, 888888888])
        .replace(str(SCENARIO_SLOT), "SCENARIO")
        .replace("888888888", "EDIT"),
        "resultsUrl": _with_slot("api:scenario-results"),
        "compareApiUrl": reverse("api:scenario-compare"),
        "comparePageUrl": reverse("planning:compare"),
        "sitingUrl": reverse("api:siting"),
        "isochronesUrl": reverse("api:isochrones"),
        "zonesUrl": reverse("api:zones"),
        "exportZonesCsv": reverse("planning:export-zones", args=["csv"]),
        "exportZonesXlsx": reverse("planning:export-zones", args=["xlsx"]),
        "exportLayerGeojson": reverse("planning:export-layer", args=["geojson"]),
        "exportLayerGpkg": reverse("planning:export-layer", args=["gpkg"]),
        "printUrl": reverse("planning:print"),
        "scenarioPrintUrl": _with_slot("planning:scenario-print"),
        "scenarioReportUrl": _with_slot("planning:scenario-report"),
    }


def categories() -> list[dict]:
    from geoplan.registry.models import ServiceCategory

    language = get_language() or "it"
    return [
        {"code": c.code, "name": c.name(language), "color": c.color}
        for c in ServiceCategory.objects.order_by("order", "code")
    ]


def labels() -> dict:
    # Strings the workspace's scripts show, translated here so the scripts hold no language.
    return {
        "owner": _("by {owner}"),
        "illustrative": _("ILLUSTRATIVE"),
        "illustrativeTitle": _("An example made for the demonstration, not a plan of the city"),
        "originManual": _("drawn by a planner"),
        "originSiting": _("answer of an optimal siting"),
        "originPlanned": _("the planned sites of the registry"),
        "noScenarios": _("No scenarios yet."),
        "readOnly": _("Only {owner} can change this scenario: you can read it and compare it."),
        "deleteScenario": _("Delete this scenario"),
        "confirmDelete": _("Delete the scenario “{name}” and its edits?"),
        "editsTitle": _("Edits"),
        "noEdits": _(
            "No edits yet: place a new site on the map, or open a site's popup to close, move "
            "or resize it."
        ),
        "placeStart": _("Place a new site"),
        "placeStop": _("Stop placing"),
        "placeHint": _("Click the map where the new site would open."),
        "moveHint": _("Click the map where “{name}” would move to. Escape cancels."),
        "moveToCentre": _("Move to the map's centre"),
        "category": _("Category"),
        "capacity": _("Capacity"),
        "cancel": _("Cancel"),
        "remove": _("Remove"),
        "removeEdit": _("Remove edit {n}"),
        "editAdd": _("New {category} site"),
        "editClose": _("Close {site}"),
        "editMove": _("Move {site}"),
        "editCapacity": _("{site}: capacity of {category} set to {capacity}"),
        "closeSite": _("Close this site"),
        "moveSite": _("Move this site"),
        "changeCapacity": _("Change capacity"),
        "newCapacity": _("New capacity for {category}"),
        "setCapacity": _("Set"),
        "inScenario": _("In the scenario “{name}”"),
        "proposed": _("PROPOSED – not a real site"),
        "closedSite": _("CLOSED in this scenario"),
        "movedFrom": _("moved from here"),
        "working": _("Computing…"),
        "loadError": _("Could not reach the server. Try again."),
        # Results of a scenario.
        "resultsNone": _("No category is affected yet."),
        "measure": _("Measure"),
        "before": _("Before"),
        "after": _("After"),
        # The difference after − before ("Change" alone is also an edit elsewhere).
        "change": pgettext("difference", "Change"),
        "residentsWithin": _("Residents within 15 min"),
        "newlyWithin": _("residents newly within 15 min"),
        "noLongerWithin": _("residents no longer within 15 min"),
        "needUnserved": _("Need-weighted residents beyond 15 min"),
        "meanMin": _("Mean walk (min)"),
        "e2sfca": _("Access score (E2SFCA, mean)"),
        "giniMin": _("Gini of walking minutes"),
        "palmaMin": _("Palma of walking minutes"),
        "giniE2sfca": _("Gini of the access score"),
        "palmaE2sfca": _("Palma of the access score"),
        "nSites": _("Sites"),
        "zone": _("Zone"),
        "zoneDetails": _("Zone details"),
        "zoneNewly": _("Δ residents within 15 min"),
        "zoneNeed": _("Δ need-weighted unserved"),
        "zoneMean": _("Mean walk (min)"),
        # {profile} is replaced by one of the two next labels.
        "computedIn": _("Computed in {seconds} s for the {profile}."),
        "profileStandard": _("standard walker (4.5 km/h)"),
        "profileSlow": _("slow walker (3.0 km/h)"),
        # The delta layer.
        "deltaTitle": _("Change in need-weighted residents beyond 15 min: {category}"),
        "deltaBetter": _("fewer unserved (better)"),
        "deltaWorse": _("more unserved (worse)"),
        "deltaNone": _("no change"),
        # The category is changed but no zone by as much as one person (a capacity in a category
        # whose sites all count the same, say): the layer has nothing to colour.
        "deltaNoZones": _("No zone changes."),
        "deltaUnaffected": _("The scenario does not change {category}."),
        "people": _("people"),
        # Optimal siting.
        "sitingChosen": _("Chosen sites"),
        "sitingSite": _("Site {n}"),
        "sitingNewly": _("+{residents} residents, +{need} need-weighted"),
        "sitingModel": _("Model"),
        "sitingGreedy": _("Greedy"),
        "sitingResidentsBefore": _("Residents covered before"),
        "sitingResidentsAfter": _("Residents covered after"),
        "sitingNeedBefore": _("Need-weighted covered before"),
        "sitingNeedAfter": _("Need-weighted covered after"),
        "sitingOptimal": _("Proven optimal."),
        "sitingWithin": _("Best found in the time limit, within {gap} % of the optimum."),
        "sitingNoSolution": _("No new site would reach anyone more."),
        "sitingTimeLimit": _("Best found in the time limit."),
        "sitingFallback": _("The solver found no answer in the time limit: the greedy answer."),
        "sitingFallbackWithin": _(
            "The solver found no answer in the time limit: the greedy answer, within {gap} % of "
            "the optimum."
        ),
        # {target} is a percent, {k} the number of sites asked for.
        "sitingTargetMet": _("The target of {target} % of the need-weighted residents is reached."),
        "sitingTargetMissed": _(
            "The target of {target} % cannot be reached with {k} sites: these reach the most."
        ),
        "sitingCandidates": _("{n} candidate places, {seconds} s."),
        "sitingUnreachable": _("Need-weighted residents no candidate can reach: {n}."),
        "sitingOpenScenario": _("Open the saved scenario"),
        "sitingFileNone": _("Choose a file of candidate places, or use the grid."),
        # Isochrones.
        "isoButton": _("Walking areas (5–20 min)"),
        "isoBand": _("within {minutes} min"),
        "isoResidents": _("{residents} residents, {area} km²"),
        "isoWorking": _("Drawing the walking areas…"),
        # Exports: the current view's and the open scenario's.
        "exportZonesCsv": _("Zone table (CSV)"),
        "exportZonesXlsx": _("Zone table (Excel)"),
        "exportZonesGeojson": _("Zones layer (GeoJSON)"),
        "exportZonesGpkg": _("Zones layer (GeoPackage)"),
        "exportSitesGeojson": _("Sites layer (GeoJSON)"),
        "exportSitesGpkg": _("Sites layer (GeoPackage)"),
        "exportProposalsGeojson": _("Proposed sites (GeoJSON)"),
        "exportProposalsGpkg": _("Proposed sites (GeoPackage)"),
        "exportReport": _("Map report (HTML file)"),
        "exportPrint": _("Print layout (A4)"),
        # Comparison.
        "compareChoose": _("Choose two different scenarios."),
        "compareA": _("Scenario A"),
        "compareB": _("Scenario B"),
        "bMinusA": _("B − A"),
    }


def workspace_config(request) -> dict:
    user = request.user
    return {
        **urls(),
        "planner": roles.is_planner(user),
        "categories": categories(),
        "labels": labels(),
    }
