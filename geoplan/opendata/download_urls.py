from django.urls import path
from django.views.generic import TemplateView

app_name = "downloads"
urlpatterns = [
    path("", TemplateView.as_view(template_name="opendata/downloads.html"), name="index"),
]
