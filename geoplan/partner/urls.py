from django.urls import path

from . import change_views, lookup_views, service_views, site_views, views
from .bulk_urls import urlpatterns as bulk_urlpatterns

app_name = "partner"
urlpatterns = [
    path("", views.index, name="index"),
    path("sites/new/", site_views.site_new, name="site_new"),
    path("sites/<int:pk>/", site_views.site_detail, name="site"),
    path("sites/<int:pk>/edit/", site_views.site_edit, name="site_edit"),
    path("sites/<int:pk>/services/new/", service_views.service_new, name="service_new"),
    path("services/<int:pk>/edit/", service_views.service_edit, name="service_edit"),
    path("services/<int:pk>/verify/", views.service_verify, name="service_verify"),
    path("changes/", change_views.changes, name="changes"),
    path("changes/<int:pk>/", change_views.change, name="change"),
    path("changes/<int:pk>/edit/", change_views.change_edit, name="change_edit"),
    path("changes/<int:pk>/submit/", change_views.change_submit, name="change_submit"),
    path("changes/<int:pk>/withdraw/", change_views.change_withdraw, name="change_withdraw"),
    path("geocode/", lookup_views.geocode, name="geocode"),
    path("check/", lookup_views.check, name="check"),
    *bulk_urlpatterns,
]
