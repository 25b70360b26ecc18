from django.urls import path  # noqa: F401

from .bulk_urls import urlpatterns as bulk_urlpatterns

app_name = "partner"
urlpatterns = [
    *bulk_urlpatterns,
]
