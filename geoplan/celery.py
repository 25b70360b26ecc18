"""The Celery application: background jobs on a Redis broker (settings prefixed CELERY_)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "geoplan.settings")

app = Celery("geoplan")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
