from django.contrib import admin
from django.urls import include, path

from geoplan.health import healthz

# The language comes from the visitor's choice (cookie set by /i18n/setlang/) or the browser's
# Accept-Language, for pages and API alike, so the map and the data it fetches always agree.
urlpatterns = [
    # Outside /api/: no authentication, no throttling (load balancers and container checks).
    path("healthz", healthz, name="healthz"),
    path("api/", include("geoplan.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("geoplan.accounts.urls")),
    path("partner/", include("geoplan.partner.urls")),
    path("moderation/", include("geoplan.moderation.urls")),
    path("", include("geoplan.maps.urls")),
]
