from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.finder, name="finder"),
    path("sites/<int:pk>/", views.site_page, name="site"),
    path("sites/<int:pk>/report/", views.report_problem, name="report"),
]
