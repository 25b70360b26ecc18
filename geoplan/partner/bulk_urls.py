"""File uploads of sites and services (CSV or XLSX), validated before anything is filed."""

from django.urls import path

from . import bulk_views

urlpatterns = [
    path("upload/", bulk_views.upload, name="upload"),
    path("upload/submit/", bulk_views.upload_submit, name="upload_submit"),
    path("upload/template.<str:fmt>", bulk_views.upload_template, name="upload_template"),
]
