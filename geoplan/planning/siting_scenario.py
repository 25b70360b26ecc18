"""An optimal siting's answer kept as a scenario: one "add" edit per chosen site, so that planners
can open it, compare it and change it like any scenario they drew."""

import math

from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from geoplan.registry.models import ServiceCategory

from .models import Scenario, ScenarioEdit

MODEL_LABELS = {"mclp": "MCLP", "pmedian": "p-median", "setcover": "set cover"}
# What of the job's parameters the scenario keeps (the candidate points stay with the job).
REQUEST_KEYS = (
    "category",
    "k",
    "threshold_min",
    "profile",
    "model",
    "coverage_target",
    "grid_spacing_m",
    "time_limit_s",
    "candidates_source",
)


def scenario_name(category_name: str, n_sites: int, model: str, threshold_min) -> str:
    """E.g. "Siting: 3 new sites, Night shelter (MCLP, 15 min)" in the active language."""
    return ngettext(
        "Siting: %(n)d new site, %(category)s (%(model)s, %(minutes)s min)",
        "Siting: %(n)d new sites, %(category)s (%(model)s, %(minutes)s min)",
        n_sites,
    ) % {
        "n": n_sites,
        "category": category_name,
        "model": MODEL_LABELS.get(model, model),
        "minutes": f"{threshold_min:g}",
    }


def _description(result: dict, n_candidates: int) -> str:
    return _(
        "Chosen by an optimal siting (%(model)s) among %(candidates)d candidate points: "
        "need-weighted residents within %(minutes)s minutes on foot go from %(before).0f to "
        "%(after).0f (residents: %(r_before)d to %(r_after)d)."
    ) % {
        "model": MODEL_LABELS.get(result["model"], result["model"]),
        "candidates": n_candidates,
        "minutes": f"{result['threshold_min']:g}",
        "before": result["need_weighted_covered_before"],
        "after": result["need_weighted_covered_after"],
        "r_before": result["residents_covered_before"],
        "r_after": result["residents_covered_after"],
    }


def _capacity(value):
    if value is None or not math.isfinite(float(value)) or float(value) < 0:
        return None
    return float(value)


def save_siting_scenario(job, result: dict) -> Scenario:
    """A new scenario holding ``result``'s chosen sites as "add" edits (EPSG:4326 points),
    owned by the planner who asked, with the request and the figures in ``siting``."""
    category = ServiceCategory.objects.get(code=result["category"])
    sites = result["sites"]
    request = {key: job.params[key] for key in REQUEST_KEYS if key in job.params}
    request["candidates_given"] = len(job.params.get("candidates") or [])
    figures = {key: value for key, value in result.items() if key != "scenario"}
    language = job.params.get("language") or "it"
    with transaction.atomic():
        scenario = Scenario.objects.create(
            name=scenario_name(
                category.name(language), len(sites), result["model"], result["threshold_min"]
            )[:120],
            description=_description(result, result.get("candidates") or 0),
            owner=job.requested_by,
            origin=Scenario.Origin.SITING,
            siting={"job": job.pk, "request": request, "answer": figures},
        )
        ScenarioEdit.objects.bulk_create(
            ScenarioEdit(
                scenario=scenario,
                position=i,
                kind=ScenarioEdit.Kind.ADD,
                category=category,
                geom=Point(float(site["lon"]), float(site["lat"]), srid=4326),
                capacity=_capacity(site.get("capacity")),
                name=(site.get("name") or _("New site %(n)d (siting)") % {"n": i + 1})[:200],
                note=_("chosen by the optimal siting of job %(job)d") % {"job": job.pk},
            )
            for i, site in enumerate(sites)
        )
    return scenario
