"""File uploads of sites and services (CSV or XLSX), validated before anything is filed."""

urlpatterns = []
