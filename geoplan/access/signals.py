"""What accessibility depends on, watched: any change asks for a recompute (see recompute.py)."""

from django.db.models.signals import post_delete, post_save

from geoplan.registry.models import Service, Site
from geoplan.territory.models import IndicatorValue

from .models import NeedProfile, NeedWeight
from .recompute import schedule_recompute

WATCHED = (Service, Site, IndicatorValue, NeedProfile, NeedWeight)


def _changed(sender, **kwargs):
    if kwargs.get("raw"):  # loaddata: fixtures are not changes a person made
        return
    schedule_recompute()


def connect() -> None:
    for model in WATCHED:
        post_save.connect(_changed, sender=model, dispatch_uid=f"recompute-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"recompute-del-{model.__name__}")
