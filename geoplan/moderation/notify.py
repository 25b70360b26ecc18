"""E-mails to partners when a moderator decides one of their requests."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)


def decided(change) -> None:
    """Tell the partner who filed ``change`` what was decided (and why, if rejected)."""
    user = change.submitted_by
    if not user.email:
        return
    link = settings.GEOPLAN_BASE_URL + reverse("partner:change", args=[change.pk])
    with translation.override(settings.LANGUAGE_CODE):
        if change.status == change.Status.APPROVED:
            subject = _("geoplan: your change #%(id)s was approved") % {"id": change.pk}
            body = _(
                "Your change “%(summary)s” was approved and is now public.\n\nDetails: %(link)s"
            ) % {"summary": change.summary, "link": link}
        else:
            subject = _("geoplan: your change #%(id)s was not approved") % {"id": change.pk}
            body = _(
                "Your change “%(summary)s” was not approved.\n\nReason given by the city's "
                "moderator:\n%(reason)s\n\nYou can correct it and submit it again: %(link)s"
            ) % {"summary": change.summary, "reason": change.reason, "link": link}
    try:
        send_mail(subject, body, None, [user.email])
    except OSError:
        # The decision stands and the partner sees it in the portal; the mail server is logged.
        log.exception("could not e-mail the decision on change request %s", change.pk)
