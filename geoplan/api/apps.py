from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "geoplan.api"
    verbose_name = "API"
