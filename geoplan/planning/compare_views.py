"""The comparison of two scenarios (/plan/compare/?a=&b=&profile=&category=): two maps side by
side, each the change one scenario makes for the category, with the same classes, and the table
of GET /api/scenarios/compare/ (city rows, the zones that differ most), with its exports.

The page's script fetches the comparison and the zone polygons; the page itself checks the
choice and says what is wrong with it, field by field, without fetching anything."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from geoplan.access.models import Profile
from geoplan.registry.models import ServiceCategory

from .models import Scenario
from .permissions import planner_required
from .query_values import parse_profile, parse_scenario_id
from .workspace_config import labels, scenario_url


def _scenario(value: str | None, field: str, errors: dict) -> Scenario | None:
    if not value:
        errors[field] = _("Choose a scenario for %(field)s.") % {"field": field}
        return None
    try:
        pk = parse_scenario_id(value, field)
    except ValueError as exc:
        errors[field] = str(exc)
        return None
    scenario = Scenario.objects.select_related("owner").filter(pk=pk).first()
    if scenario is None:
        errors[field] = _("There is no scenario %(value)s (%(field)s).") % {
            "value": pk,
            "field": field,
        }
    return scenario


def _choice(request) -> tuple[dict, dict]:
    """The scenarios, walking profile and category asked for, and a sentence per wrong field."""
    params = request.GET
    errors: dict[str, str] = {}
    a = _scenario(params.get("a"), "a", errors)
    b = _scenario(params.get("b"), "b", errors)
    if a is not None and b is not None and a.pk == b.pk:
        errors["b"] = _("b must be another scenario than a.")
    try:
        profile = parse_profile(params.get("profile"))
    except ValueError as exc:
        errors["profile"] = str(exc)
        profile = Profile.STANDARD
    codes = list(ServiceCategory.objects.order_by("order", "code").values_list("code", flat=True))
    category = params.get("category") or ""
    if category and category not in codes:
        errors["category"] = _("Unknown category %(code)r. Known: %(known)s.") % {
            "code": category[:40],
            "known": ", ".join(codes),
        }
        category = ""
    return {"a": a, "b": b, "profile": profile, "category": category}, errors


@planner_required
def compare(request):
    chosen, errors = _choice(request)
    asked = any(request.GET.get(k) for k in ("a", "b", "profile", "category"))
    ready = not errors
    language = get_language() or "it"
    categories = [
        {"code": c.code, "name": c.name(language), "color": c.color}
        for c in ServiceCategory.objects.order_by("order", "code")
    ]
    query = ""
    config = None
    if ready:
        a, b = chosen["a"], chosen["b"]
        params = {"a": a.pk, "b": b.pk, "profile": chosen["profile"]}
        if chosen["category"]:
            params["category"] = chosen["category"]
        query = "&".join(f"{k}={v}" for k, v in params.items())
        config = {
            "compareUrl": reverse("api:scenario-compare"),
            "zonesUrl": reverse("api:zones"),
            "sitesUrl": reverse("api:sites"),
            "scenarioUrl": scenario_url(),
            "exportCsv": reverse("planning:export-zones", args=["csv"]),
            "exportXlsx": reverse("planning:export-zones", args=["xlsx"]),
            "a": {"id": a.pk, "name": a.name},
            "b": {"id": b.pk, "name": b.name},
            "profile": chosen["profile"],
            "category": chosen["category"],
            "categories": categories,
            "labels": labels(),
        }
    context = {
        **chosen,
        "errors": errors if asked else {},
        "ready": ready,
        "query": query,
        "config": config,
        "scenarios": Scenario.objects.select_related("owner").order_by("name", "pk"),
        "categories": categories,
        "profiles": Profile.choices,
    }
    # A choice that cannot be compared is a bad request, said field by field on the page; the
    # page without any choice is the form to make one.
    status = 400 if asked and errors else 200
    return render(request, "planning/compare.html", context, status=status)
