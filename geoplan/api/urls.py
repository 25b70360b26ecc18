from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("city/", views.CityView.as_view(), name="city"),
    path("zones/", views.ZoneList.as_view(), name="zones"),
    path("sites/", views.SiteList.as_view(), name="sites"),
    path("categories/", views.CategoryList.as_view(), name="categories"),
    path("layers/", views.LayerCatalogue.as_view(), name="layers"),
]
