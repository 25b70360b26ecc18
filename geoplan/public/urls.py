from django.urls import path

from . import finder_views, site_views

app_name = "public"
urlpatterns = [
    path("", finder_views.finder, name="finder"),
    # At the root, so that the service worker may serve the finder's pages offline.
    path("sw.js", finder_views.service_worker, name="service-worker"),
    path("sites/<int:pk>/", site_views.site_page, name="site"),
    path("sites/<int:pk>/report/", site_views.report_problem, name="report"),
]
