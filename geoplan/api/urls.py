from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import (
    access_views,
    auth_views,
    finder_views,
    indicator_views,
    isochrone_views,
    job_views,
    kpi_views,
    moderation_views,
    need_profile_views,
    partner_views,
    scenario_views,
    siting_views,
    views,
    whatif_views,
    zone_views,
)

app_name = "api"
urlpatterns = [
    path("city/", views.CityView.as_view(), name="city"),
    path("zones/", views.ZoneList.as_view(), name="zones"),
    path("zones/<str:code>/", zone_views.ZoneDetail.as_view(), name="zone-detail"),
    path("indicators/", indicator_views.IndicatorList.as_view(), name="indicators"),
    path(
        "indicators/<slug:code>/",
        indicator_views.IndicatorDetail.as_view(),
        name="indicator-detail",
    ),
    path("sites/", views.SiteList.as_view(), name="sites"),
    path("categories/", views.CategoryList.as_view(), name="categories"),
    path("layers/", views.LayerCatalogue.as_view(), name="layers"),
    path("access/cells/", access_views.CellAccessList.as_view(), name="access-cells"),
    path("access/cells/h3/", access_views.CellAccessH3.as_view(), name="access-cells-h3"),
    path("access/zones/", access_views.ZoneAccessList.as_view(), name="access-zones"),
    path(
        "access/zones/values/", access_views.ZoneAccessValues.as_view(), name="access-zones-values"
    ),
    path("access/worst/", access_views.WorstGaps.as_view(), name="access-worst"),
    path("access/need/", indicator_views.NeedLayer.as_view(), name="access-need"),
    path("access/what-if", whatif_views.WhatIf.as_view(), name="access-what-if"),
    path("access/recompute", job_views.RecomputeNow.as_view(), name="access-recompute"),
    path("access/candidates", job_views.EvaluateCandidates.as_view(), name="access-candidates"),
    path("jobs/<int:pk>/", job_views.JobDetail.as_view(), name="job"),
    # The public finder: places to search for, and the nearest published sites on foot.
    path("geocode/", finder_views.Geocode.as_view(), name="geocode"),
    path("nearest/", finder_views.Nearest.as_view(), name="nearest"),
]

# The planners' workspace: scenarios, optimal siting, isochrones, need weights, KPIs.
urlpatterns += [
    path("scenarios/", scenario_views.ScenarioList.as_view(), name="scenarios"),
    path("scenarios/compare/", scenario_views.ScenarioCompare.as_view(), name="scenario-compare"),
    path(
        "scenarios/planned/",
        scenario_views.ScenarioFromPlanned.as_view(),
        name="scenario-planned",
    ),
    path("scenarios/<int:pk>/", scenario_views.ScenarioDetail.as_view(), name="scenario"),
    path(
        "scenarios/<int:pk>/edits/", scenario_views.ScenarioEdits.as_view(), name="scenario-edits"
    ),
    path(
        "scenarios/<int:pk>/edits/<int:edit>/",
        scenario_views.ScenarioEditDetail.as_view(),
        name="scenario-edit",
    ),
    path(
        "scenarios/<int:pk>/results/",
        scenario_views.ScenarioResults.as_view(),
        name="scenario-results",
    ),
    path("siting/", siting_views.Siting.as_view(), name="siting"),
    path("isochrones/", isochrone_views.Isochrones.as_view(), name="isochrones"),
    path(
        "need-profiles/<slug:category>/",
        need_profile_views.NeedProfileDetail.as_view(),
        name="need-profile",
    ),
    path("kpis/", kpi_views.KpiList.as_view(), name="kpis"),
]


def with_and_without_slash(route: str, view, name: str) -> list:
    """The route with its trailing slash (the one reverse() gives) and without it: a script's
    POST to either reaches the view (no redirect, which would lose the body)."""
    return [path(f"{route}/", view, name=name), path(route, view)]


# Tokens, the partner API (an organisation's own sites and proposals) and moderation.
urlpatterns += [
    *with_and_without_slash("auth/token", auth_views.AuthToken.as_view(), "auth-token"),
    *with_and_without_slash(
        "partner/sites", partner_views.PartnerSiteList.as_view(), "partner-sites"
    ),
    *with_and_without_slash(
        "partner/sites/<int:pk>", partner_views.PartnerSiteDetail.as_view(), "partner-site"
    ),
    *with_and_without_slash(
        "partner/changes", partner_views.PartnerChangeList.as_view(), "partner-changes"
    ),
    *with_and_without_slash(
        "partner/changes/<int:pk>", partner_views.PartnerChangeDetail.as_view(), "partner-change"
    ),
    *with_and_without_slash(
        "moderation/changes",
        moderation_views.ModerationChangeList.as_view(),
        "moderation-changes",
    ),
    *with_and_without_slash(
        "moderation/changes/<int:pk>",
        moderation_views.ModerationChangeDetail.as_view(),
        "moderation-change",
    ),
    *with_and_without_slash(
        "moderation/changes/<int:pk>/approve",
        moderation_views.ApproveChange.as_view(),
        "moderation-approve",
    ),
    *with_and_without_slash(
        "moderation/changes/<int:pk>/reject",
        moderation_views.RejectChange.as_view(),
        "moderation-reject",
    ),
]

# The OpenAPI document of everything above, and Swagger UI reading it (served locally).
urlpatterns += [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]

# Last: any other path under /api/ is a 404 in JSON, as every answer of the API (a path that
# does not end with a slash is first redirected to the one that does, by APPEND_SLASH).
urlpatterns += [re_path(r"^(.*/)?$", views.no_such_endpoint)]
