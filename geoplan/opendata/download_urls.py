from django.urls import path

from . import download_views as views

app_name = "downloads"
urlpatterns = [
    path("", views.index, name="index"),
    path("sites.csv", views.sites_csv, name="sites-csv"),
    path("sites.geojson", views.sites_geojson, name="sites-geojson"),
    path("sites.gpkg", views.sites_gpkg, name="sites-gpkg"),
]
