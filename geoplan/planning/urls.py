"""The planners' workspace pages beside the map at /plan/: exports, reports, print layouts,
comparison and monitoring (all for planners only)."""

from django.urls import path

from . import compare_views, export_views, monitoring_views, report_views

app_name = "planning"
urlpatterns = [
    path("compare/", compare_views.compare, name="compare"),
    path("print/", export_views.print_current, name="print"),
    path("scenarios/<int:pk>/print/", export_views.scenario_print, name="scenario-print"),
    path("scenarios/<int:pk>/report.html", report_views.scenario_report, name="scenario-report"),
    # fmt: csv or xlsx (tables), geojson or gpkg (layers); anything else is a 404.
    path("export/zones.<str:fmt>", export_views.export_zones, name="export-zones"),
    path("export/layer.<str:fmt>", export_views.export_layer, name="export-layer"),
    path("monitoring/", monitoring_views.monitoring, name="monitoring"),
    path("monitoring.<str:fmt>", monitoring_views.monitoring_export, name="monitoring-export"),
]
