"""What the A4 print layouts show: the map (server-rendered SVG), its legend, a table of ten
zones and the credits, for the current state of a category or for a scenario."""

from django.utils import timezone
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from geoplan.access.models import Profile

from . import export_params as params
from . import figures, legend_classes, map_data, sources, svgmap
from .tables import current_rows, threshold_of

TABLE_ROWS = 10


def _category_name(category) -> str:
    return category.name(get_language() or "it")


def _common(run, profile: str) -> dict:
    return {
        "profile_label": Profile(profile).label,
        "run_label": sources.run_label(run),
        "printed": sources.when(timezone.now()),
        "sources": sources.source_lines(),
        "attribution": sources.attribution(),
        "licence": sources.LICENCE,
    }


def _legend(classes) -> list[dict]:
    return [{"colour": c.colour, "label": c.label} for c in classes] + [
        {"colour": legend_classes.NO_DATA, "label": _("no residents or no data")}
    ]


def _sites(code: str, colour: str) -> list[dict]:
    return [s | {"colour": colour} for s in map_data.published_sites(code)]


def current_context(request) -> dict:
    profile = params.profile_param(request)
    category = params.category_param(request)
    run = params.latest_run(profile)
    threshold = threshold_of(run)
    rows = current_rows(run, category.code)
    classes = legend_classes.sequential([r["gap_people"] for r in rows])
    shapes = map_data.zone_shapes()
    zones = [
        {
            "geometry": shapes[r["zone"]][2],
            "fill": legend_classes.colour(r["gap_people"], classes),
            "title": f"{r['zone']} {r['zone_name']}: {figures.n(r['gap_people'])}",
        }
        for r in rows
    ]
    sites = _sites(category.code, category.color)
    title = _("Walking access gap: %(category)s") % {"category": _category_name(category)}
    worst = sorted(
        (r for r in rows if r["gap_rank"] is not None),
        key=lambda r: (r["gap_rank"], r["zone"]),
    )[:TABLE_ROWS]
    return {
        **_common(run, profile),
        "title": title,
        "subtitle": _(
            "Need-weighted residents beyond %(t)s minutes' walk of a service of the category, "
            "by zona statistica."
        )
        % {"t": threshold},
        "svg": svgmap.render(zones, sites, [], title),
        "legend_title": _("Gap: need-weighted residents beyond %(t)s min") % {"t": threshold},
        "legend": _legend(classes),
        "site_colour": category.color,
        "site_count": len(sites),
        "table_title": _("The %(n)s zones with the largest gap") % {"n": len(worst)},
        "table_text_col": 1,
        "table_head": [
            _("Rank"),
            _("Zone"),
            _("Residents"),
            _("Beyond %(t)s min") % {"t": threshold},
            _("Gap"),
            _("Mean walk (min)"),
        ],
        "table_rows": [
            [
                r["gap_rank"],
                f"{r['zone']} {r['zone_name']}",
                figures.n(r["population"]),
                figures.n(r["residents_beyond"]),
                figures.n(r["gap_people"]),
                figures.n(r["mean_min"], 1),
            ]
            for r in worst
        ],
        "summary": [],
    }


def scenario_context(request, scenario) -> dict:
    profile, run, results, code, category = map_data.scenario_view(request, scenario)
    zones_out = [z for z in results["zones"] if z["category"] == code]
    deltas = [(z.get("delta") or {}).get("need_weighted_unserved") for z in zones_out]
    classes = legend_classes.diverging(deltas)
    shapes = map_data.zone_shapes()
    zones = [
        {
            "geometry": shapes[z["zone"]][2],
            "fill": legend_classes.colour(d, classes),
            "title": f"{z['zone']} {z['zone_name']}: {figures.signed(d)}",
        }
        for z, d in zip(zones_out, deltas, strict=True)
    ]
    sites = _sites(code, category.color)
    proposals = map_data.proposals(scenario, code)
    title = _("Scenario “%(name)s”: %(category)s") % {
        "name": scenario.name,
        "category": _category_name(category),
    }
    changed = sorted(
        (z for z in zones_out if abs((z.get("delta") or {}).get("need_weighted_unserved") or 0)),
        key=lambda z: (-abs(z["delta"]["need_weighted_unserved"]), z["zone"]),
    )[:TABLE_ROWS]
    city = next((c for c in results.get("city", []) if c["category"] == code), None)
    return {
        **_common(run, profile),
        "title": title,
        "scenario": scenario,
        "subtitle": _(
            "Change in need-weighted residents beyond 15 minutes' walk, by zona statistica, "
            "if the scenario's edits were made."
        ),
        "svg": svgmap.render(zones, sites, proposals, title),
        "legend_title": _("Change in need-weighted residents beyond 15 min"),
        "legend": _legend(classes),
        "site_colour": category.color,
        "site_count": len(sites),
        "proposal_kinds": sorted({p["kind"] for p in proposals}),
        "table_title": _("The zones the scenario changes most"),
        "table_text_col": 0,
        "table_note": _("Need-weighted residents beyond 15 min, before and after."),
        "table_head": [
            _("Zone"),
            _("Residents"),
            _("Before"),
            _("After"),
            pgettext("difference", "Change"),
            _("Walk (min): change"),
        ],
        "table_rows": [
            [
                f"{z['zone']} {z['zone_name']}",
                figures.n(z.get("population")),
                figures.n(z["before"].get("need_weighted_unserved")),
                figures.n(z["after"].get("need_weighted_unserved")),
                figures.signed(z["delta"].get("need_weighted_unserved")),
                figures.signed(z["delta"].get("mean_min"), 1),
            ]
            for z in changed
        ],
        "summary": figures.city_summary(city),
        "computed_at": sources.when_iso(results.get("computed_at")),
        "warnings": results.get("warnings") or [],
    }
