from django.apps import AppConfig


class HsdsConfig(AppConfig):
    name = "geoplan.hsds"
    verbose_name = "HSDS 3.0"
