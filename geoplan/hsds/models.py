"""What `manage.py import_hsds` remembers of the records it read: their HSDS ids.

An organisation of another directory is matched to the same geoplan organisation at every
import; a location already filed for review (pending, or approved) is not filed again.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedOrganization(models.Model):
    hsds_id = models.UUIDField(_("HSDS id"), unique=True)
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="hsds_ids",
    )
    # Made by the import, or an organisation of the registry with the same name.
    created = models.BooleanField(_("created by the import"))
    source_file = models.CharField(_("file"), max_length=300)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation imported from HSDS")
        verbose_name_plural = _("organisations imported from HSDS")

    def __str__(self):
        return f"{self.hsds_id} → {self.organization}"


class ImportedLocation(models.Model):
    """An HSDS location filed as a change request for a new site (one per filing)."""

    hsds_id = models.UUIDField(_("HSDS id"), db_index=True)
    service_ids = models.JSONField(_("HSDS ids of its services"), default=list)
    change_request = models.OneToOneField(
        "moderation.ChangeRequest",
        verbose_name=_("change request"),
        on_delete=models.CASCADE,
        related_name="hsds_location",
    )
    source_file = models.CharField(_("file"), max_length=300)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("location imported from HSDS")
        verbose_name_plural = _("locations imported from HSDS")

    def __str__(self):
        return f"{self.hsds_id} → #{self.change_request_id}"
