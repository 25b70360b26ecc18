from django.urls import path

from . import views

app_name = "maps"
urlpatterns = [
    # The planners' map; "/" is the public finder (geoplan.public).
    path("plan/", views.planner_map, name="plan"),
    path("methods/", views.methods, name="methods"),
]
