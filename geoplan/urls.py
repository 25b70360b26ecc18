from django.contrib import admin
from django.urls import include, path

from geoplan.health import healthz

# The language comes from the visitor's choice (cookie set by /i18n/setlang/) or the browser's
# Accept-Language, for pages and API alike, so the map and the data it fetches always agree.
urlpatterns = [
    # Outside /api/: no authentication, no throttling (load balancers and container checks).
    path("healthz", healthz, name="healthz"),
    # HSDS 3.0 (Open Referral) views of the registry, beside the rest of the API.
    path("api/hsds/", include("geoplan.hsds.urls")),
    path("api/", include("geoplan.api.urls")),
    # OGC API - Features, and the public downloads (CSV, GeoJSON, GeoPackage).
    path("ogc/", include("geoplan.opendata.ogc_urls")),
    path("downloads/", include("geoplan.opendata.download_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("accounts/", include("geoplan.accounts.urls")),
    path("partner/", include("geoplan.partner.urls")),
    path("moderation/", include("geoplan.moderation.urls")),
    path("", include("geoplan.maps.urls")),
    # The planners' workspace around the map at /plan/.
    path("plan/", include("geoplan.planning.urls")),
    # The public finder at "/", a page per site and "report a problem".
    path("", include("geoplan.public.urls")),
]
