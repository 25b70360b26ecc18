from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "geoplan.jobs"
    verbose_name = _("background jobs")

    def ready(self):
        # Loaded with Django (not with the package: geoplan.analysis must import without
        # Django), so that tasks sent from web processes go to the configured broker.
        from geoplan import celery  # noqa: F401
