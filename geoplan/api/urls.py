from django.urls import path

from . import access_views, indicator_views, job_views, views, whatif_views, zone_views

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
]
