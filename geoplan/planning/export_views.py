"""The workspace's exports for council documents: zone tables (CSV, XLSX), layers (GeoJSON,
GeoPackage) and the A4 print layouts. Planners only; a bad parameter is a 400 naming it."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import export_params as params
from . import layers_export, map_data, print_page, sources, table_files, tables
from .permissions import planner_required

TABLE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
LAYER_TYPES = {"geojson": "application/geo+json", "gpkg": "application/geopackage+sqlite3"}


def _file_name(parts: list, extension: str) -> str:
    stem = "-".join(str(p) for p in ["geoplan", *parts, timezone.localdate().isoformat()] if p)
    return f"{stem}.{extension}"


def _labelled(response, file_name: str):
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Link"] = sources.link_header()
    # Headers and category names follow the reader's language.
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response


def refusing(view):
    """Answers a refused parameter with its sentence instead of the view's answer."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except params.Refused as refused:
            return params.refusal_response(refused)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def zone_table(request) -> tuple[tables.Table, list]:
    """The table the query asks for, and the parts of its file name."""
    profile = params.profile_param(request)
    category = params.category_param(request, required=False)
    scenario = params.scenario_param(request, "scenario")
    a, b = params.scenario_param(request, "a"), params.scenario_param(request, "b")
    run = params.latest_run(profile)
    if scenario is not None and (a or b):
        raise params.Refused(_("scenario: give either scenario or a and b, not both."))
    if (a is None) != (b is None):
        raise params.Refused(_("a, b: a comparison needs both scenarios, a and b."))
    if scenario is not None:
        results = map_data.results_of(scenario, profile)
        code = params.affected_category(results, category) if category else None
        table = tables.scenario_table(scenario, results, code, run)
        return table, ["scenario", scenario.pk, code or "all", profile]
    if a is not None:
        results = map_data.compared(a, b, profile)
        if category and category.code not in results.get("categories", []):
            raise params.Refused(
                _("category: neither scenario changes %(code)s; they change %(known)s.")
                % {"code": category.code, "known": ", ".join(results.get("categories", []))}
            )
        code = category.code if category else None
        table = tables.comparison_table(a, b, results, code, run)
        return table, ["compare", a.pk, b.pk, code or "all", profile]
    if category is None:
        params.category_param(request, required=True)
    return tables.current_table(run, category), ["zones", category.code, profile]


@require_safe
@planner_required
@refusing
def export_zones(request, fmt):
    if fmt not in TABLE_TYPES:
        raise Http404(_("Zone tables are CSV or XLSX."))
    table, parts = zone_table(request)
    if fmt == "csv":
        body = table_files.csv_bytes(table)
    else:
        body = table_files.xlsx_bytes(table, _("About"))
    return _labelled(HttpResponse(body, content_type=TABLE_TYPES[fmt]), _file_name(parts, fmt))


def layer_param(request) -> str:
    layer = request.GET.get("layer") or ""
    if layer not in layers_export.LAYERS:
        raise params.Refused(
            _("layer: choose one of %(known)s; got %(layer)r.")
            % {"known": ", ".join(layers_export.LAYERS), "layer": layer}
        )
    return layer


def build_layer(request) -> tuple[layers_export.Layer, dict]:
    """The layer the query asks for, and what it was made from."""
    name = layer_param(request)
    profile = params.profile_param(request)
    category = params.category_param(request, required=False)
    scenario = params.scenario_param(request, "scenario")
    run = params.latest_run(profile)
    code = category.code if category else None
    if name == "proposals" and scenario is None:
        raise params.Refused(_("scenario: the proposals layer is the edits of a scenario."))
    if scenario is None and code is None:
        params.category_param(request, required=True)
    results = None
    if scenario is not None and name == "zones":
        results = map_data.results_of(scenario, profile)
        code = params.affected_category(results, category)
    if name == "zones":
        layer = layers_export.zones_layer(run, code, results)
    elif name == "sites":
        if code is None:
            params.category_param(request, required=True)
        layer = layers_export.sites_layer(code, scenario)
    elif name == "proposals":
        layer = layers_export.proposals_layer(scenario, code)
    else:
        layer = layers_export.isochrones_layer(scenario, code, profile)
    context = {
        "layer": name,
        "category": code,
        "profile": profile,
        "run": run.pk,
        "scenario": scenario.pk if scenario else None,
    }
    if scenario is not None:
        context["scenario_name"] = scenario.name
        if scenario.is_illustrative:
            context["illustrative"] = True
    return layer, context


@require_safe
@planner_required
@refusing
def export_layer(request, fmt):
    if fmt not in LAYER_TYPES:
        raise Http404(_("Layers are GeoJSON or GeoPackage."))
    layer, context = build_layer(request)
    parts = [
        layer.name,
        context["category"],
        context["scenario"] and f"scenario-{context['scenario']}",
    ]
    name = _file_name([*parts, context["profile"]], fmt)
    if fmt == "geojson":
        response = HttpResponse(
            layers_export.geojson_bytes(layer, context), content_type=LAYER_TYPES[fmt]
        )
    else:
        response = FileResponse(
            layers_export.geopackage_file(layer, context), content_type=LAYER_TYPES[fmt]
        )
    return _labelled(response, name)


@require_safe
@planner_required
@refusing
def print_current(request):
    context = print_page.current_context(request)
    return render(request, "planning/print.html", context)


@require_safe
@planner_required
@refusing
def scenario_print(request, pk):
    context = print_page.scenario_context(request, params.scenario_by_pk(pk))
    return render(request, "planning/print.html", context)
