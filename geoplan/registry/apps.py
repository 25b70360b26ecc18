from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "geoplan.registry"
    verbose_name = _("Service registry")

    def ready(self):
        from simple_history.signals import pre_create_historical_record

        from .history import stamp_change_request

        pre_create_historical_record.connect(
            stamp_change_request, dispatch_uid="geoplan-history-change-request"
        )
