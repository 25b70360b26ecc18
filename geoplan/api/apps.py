from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class ApiConfig(AppConfig):
    name = "geoplan.api"
    verbose_name = "API"

    def ready(self):
        from .cache import data_changed

        # Any saved or deleted row of the territory, the registry or the results moves the data
        # version on, so that no cached answer outlives its data.
        post_save.connect(data_changed, dispatch_uid="api-cache-save")
        post_delete.connect(data_changed, dispatch_uid="api-cache-delete")
