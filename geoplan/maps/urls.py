from django.urls import path

from . import views

app_name = "maps"
urlpatterns = [
    path("", views.planner_map, name="index"),
    path("methods/", views.methods, name="methods"),
]
