"""A scenario's map report, downloaded as one HTML file that opens from disk without the
internet (see geoplan.planning.report). Planners only."""

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from . import export_params as params
from . import map_data, report, sources
from .export_views import refusing
from .permissions import planner_required


@require_safe
@planner_required
@refusing
def scenario_report(request, pk):
    scenario = params.scenario_by_pk(pk)
    view = map_data.scenario_view(request, scenario)
    html = report.build(scenario, view.results, view.category, view.run, view.profile)
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="scenario-{scenario.pk}-report.html"'
    response["Link"] = sources.link_header()
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
