"""What every historical registry record carries beyond django-simple-history's own fields: the
change request it was applied through, if any (set by moderation while it applies one)."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.utils.translation import gettext_lazy as _

_current_request: ContextVar[int | None] = ContextVar("geoplan_change_request", default=None)


class ChangeRequestLink(models.Model):
    change_request_id = models.BigIntegerField(_("change request"), null=True, blank=True)

    class Meta:
        abstract = True


@contextmanager
def applying_change_request(change_request_id: int):
    """Every history record written inside this block names ``change_request_id``."""
    token = _current_request.set(change_request_id)
    try:
        yield
    finally:
        _current_request.reset(token)


def stamp_change_request(sender, history_instance, **kwargs):
    """pre_create_historical_record receiver: copy the current change request onto the record."""
    history_instance.change_request_id = _current_request.get()
