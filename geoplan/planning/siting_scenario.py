"""An optimal siting's answer kept as a scenario: one "add" edit per chosen site, so that planners
can open it, compare it and change it like any scenario they drew.

Each chosen site passes the checks of any edit (:func:`geoplan.planning.edits.clean_edit`): a site
that fails them fails the save, naming it, rather than being left out unseen. A siting capacity
(residents a site can serve) is not an edit's capacity (beds, meals or places, which the scenario
results weigh): it stays in ``Scenario.siting`` and is said in the edit's note.
"""

import math

from django.db import transaction
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from geoplan.registry.models import ServiceCategory

from .edits import EditRefused, clean_edit, store_edits, turin_boundary
from .models import Scenario

MODEL_LABELS = {
    "mclp": gettext_lazy("maximal covering"),
    "pmedian": gettext_lazy("p-median"),
    "setcover": gettext_lazy("set covering"),
}
# The request's parameters that solve_siting takes, besides the candidate points.
SOLVER_PARAMETERS = (
    "category",
    "k",
    "threshold_min",
    "profile",
    "model",
    "coverage_target",
    "grid_spacing_m",
    "time_limit_s",
)
# What of the job's parameters the scenario keeps (the candidate points stay with the job).
REQUEST_KEYS = (*SOLVER_PARAMETERS, "candidates_source")


def model_label(model: str) -> str:
    return str(MODEL_LABELS.get(model, model))


def scenario_name(category_name: str, n_sites: int, model: str, threshold_min) -> str:
    """E.g. "Siting: 3 new sites, Night shelter (maximal covering, 15 min)" in the active
    language."""
    return ngettext(
        "Siting: %(n)d new site, %(category)s (%(model)s, %(minutes)s min)",
        "Siting: %(n)d new sites, %(category)s (%(model)s, %(minutes)s min)",
        n_sites,
    ) % {
        "n": n_sites,
        "category": category_name,
        "model": model_label(model),
        "minutes": f"{threshold_min:g}",
    }


def _description(result: dict, n_candidates: int) -> str:
    return _(
        "Chosen by an optimal siting (%(model)s) among %(candidates)d candidate points: "
        "need-weighted residents within %(minutes)s minutes on foot go from %(before).0f to "
        "%(after).0f (residents: %(r_before)d to %(r_after)d)."
    ) % {
        "model": model_label(result["model"]),
        "candidates": n_candidates,
        "minutes": f"{result['threshold_min']:g}",
        "before": result["need_weighted_covered_before"],
        "after": result["need_weighted_covered_after"],
        "r_before": result["residents_covered_before"],
        "r_after": result["residents_covered_after"],
    }


def _siting_capacity(value) -> float | None:
    if value is None or not math.isfinite(float(value)) or float(value) < 0:
        return None
    return float(value)


def _note(job_id: int, site: dict, threshold_min) -> str:
    capacity = _siting_capacity(site.get("capacity"))
    if capacity is None:
        return _("Chosen by the optimal siting of job %(job)d.") % {"job": job_id}
    return _(
        "Chosen by the optimal siting of job %(job)d, as able to serve %(residents)s residents "
        "within %(minutes)s min (not beds, meals or places)."
    ) % {
        "job": job_id,
        "residents": number_format(round(capacity), force_grouping=True),
        "minutes": f"{threshold_min:g}",
    }


def chosen_edits(job, result: dict) -> list[dict]:
    """The chosen sites as "add" edits, each through :func:`clean_edit` (the fields of a
    ScenarioEdit). Raises ValueError naming every site refused and why."""
    boundary = turin_boundary()
    cleaned, refused = [], []
    for i, site in enumerate(result["sites"], start=1):
        edit = {
            "kind": "add",
            "category": result["category"],
            "lon": site["lon"],
            "lat": site["lat"],
            "name": site.get("name") or _("New site %(n)d (siting)") % {"n": i},
            "note": _note(job.pk, site, result["threshold_min"]),
        }
        try:
            cleaned.append(clean_edit(edit, boundary))
        except EditRefused as exc:
            refused.append(
                _("site %(n)d (%(lon)s, %(lat)s): %(why)s")
                % {
                    "n": i,
                    "lon": site.get("lon"),
                    "lat": site.get("lat"),
                    "why": " ".join(_sentences(exc.problems)),
                }
            )
    if refused:
        raise ValueError(
            _("The chosen sites cannot be saved as a scenario: %(refused)s. Nothing was saved.")
            % {"refused": "; ".join(refused)}
        )
    return cleaned


def _sentences(problems) -> list[str]:
    if isinstance(problems, dict):
        return [s for value in problems.values() for s in _sentences(value)]
    return [str(problems)]


def saved_scenario(job) -> Scenario | None:
    """The scenario already saved with ``job``'s answer (by an earlier delivery), if any."""
    return (
        Scenario.objects.filter(origin=Scenario.Origin.SITING, siting__job=job.pk)
        .order_by("pk")
        .first()
    )


def save_siting_scenario(job, result: dict) -> Scenario:
    """A new scenario holding ``result``'s chosen sites as "add" edits (EPSG:4326 points),
    owned by the planner who asked, with the request and the figures in ``siting``; the one
    already saved for ``job``, if an earlier delivery of the job saved it. Raises ValueError
    (nothing saved) when a chosen site fails the checks of an edit."""
    category = ServiceCategory.objects.get(code=result["category"])
    cleaned = chosen_edits(job, result)
    request = {key: job.params[key] for key in REQUEST_KEYS if key in job.params}
    request["candidates_given"] = len(job.params.get("candidates") or [])
    figures = {key: value for key, value in result.items() if key != "scenario"}
    language = job.params.get("language") or "it"
    with transaction.atomic():
        # One delivery at a time saves: the job's row is the lock.
        type(job).objects.select_for_update().filter(pk=job.pk).values_list("pk").first()
        existing = saved_scenario(job)
        if existing is not None:
            return existing
        scenario = Scenario.objects.create(
            name=scenario_name(
                category.name(language), len(cleaned), result["model"], result["threshold_min"]
            )[:120],
            description=_description(result, result.get("candidates") or 0),
            owner=job.requested_by,
            origin=Scenario.Origin.SITING,
            siting={"job": job.pk, "request": request, "answer": figures},
        )
        store_edits(scenario, cleaned)
    return scenario
