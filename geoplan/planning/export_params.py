"""The query parameters of the workspace's exports, each refused with a sentence naming it.

A refusal is a `Refused` carrying the HTTP status (400 for a bad value, 404 for an unknown
scenario or a missing run); `refusal_response` turns it into a small plain-text answer.
"""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from geoplan.access.models import AccessRun
from geoplan.registry.models import ServiceCategory

from .models import Scenario
from .query_values import parse_profile, parse_scenario_id


class Refused(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def refusal_response(refused: Refused) -> HttpResponse:
    return HttpResponse(
        refused.message + "\n", status=refused.status, content_type="text/plain; charset=utf-8"
    )


def profile_param(request) -> str:
    try:
        return parse_profile(request.GET.get("profile"))
    except ValueError as exc:
        raise Refused(f"profile: {exc}") from None


def category_param(request, required: bool = True) -> ServiceCategory | None:
    code = request.GET.get("category") or ""
    if not code:
        if required:
            raise Refused(_("category: choose a service category (for example night_shelter)."))
        return None
    # PostgreSQL cannot compare a text holding NUL: no code holds one.
    category = None if "\x00" in code else ServiceCategory.objects.filter(code=code).first()
    if category is None:
        known = ", ".join(ServiceCategory.objects.values_list("code", flat=True))
        raise Refused(
            _("category: unknown category %(code)r. Known: %(known)s.")
            % {"code": code, "known": known}
        )
    return category


def category_by_code(code: str) -> ServiceCategory:
    return ServiceCategory.objects.get(code=code)


def scenario_by_pk(pk) -> Scenario:
    scenario = Scenario.objects.filter(pk=pk).first()
    if scenario is None:
        raise Refused(_("No scenario %(id)s.") % {"id": pk}, status=404)
    return scenario


def scenario_param(request, name: str = "scenario") -> Scenario | None:
    """The scenario named by ``?name=`` (None when absent): 400 when not a number, 404 unknown."""
    value = request.GET.get(name)
    if value is None or value == "":
        return None
    try:
        pk = parse_scenario_id(value, name)
    except ValueError as exc:
        raise Refused(f"{name}: {exc}") from None
    return scenario_by_pk(pk)


def latest_run(profile: str) -> AccessRun:
    run = AccessRun.objects.latest_completed(profile)
    if run is None:
        raise Refused(
            _("No accessibility run for the %(profile)s profile yet.") % {"profile": profile},
            status=404,
        )
    return run


def affected_category(results: dict, category: ServiceCategory | None) -> str:
    """The category a scenario view shows: the one asked, which the scenario must change, or
    the one whose need-weighted residents beyond 15 min it changes most."""
    changed = results.get("categories") or []
    if not changed:
        raise Refused(_("This scenario changes no service yet: add an edit first."))
    if category is None:
        change = {
            c["category"]: abs((c.get("delta") or {}).get("need_weighted_unserved") or 0)
            for c in results.get("city", [])
        }
        return max(changed, key=lambda code: (change.get(code, 0), -changed.index(code)))
    if category.code not in changed:
        raise Refused(
            _("category: this scenario does not change %(code)s; it changes %(known)s.")
            % {"code": category.code, "known": ", ".join(changed)}
        )
    return category.code
