from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "geoplan.access"
    verbose_name = _("Walking accessibility")

    def ready(self):
        from . import signals

        signals.connect()
