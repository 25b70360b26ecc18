from django.contrib import admin
from django.urls import include, path

# The language comes from the visitor's choice (cookie set by /i18n/setlang/) or the browser's
# Accept-Language, for pages and API alike, so the map and the data it fetches always agree.
urlpatterns = [
    path("api/", include("geoplan.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("geoplan.maps.urls")),
]
