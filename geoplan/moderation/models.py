"""Change requests: what a partner proposes for its organisation's sites and services.

A partner's submission never writes to the registry: it files a ChangeRequest holding the
proposed values (``payload``) and, for an existing record, the values they replace as they were
when it was filed (``base``). A moderator approves it (the change is applied in one transaction,
refused if the record has changed since on the same fields) or rejects it with a reason.
The payload's shape is described in proposal.py.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChangeRequest(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PENDING = "pending", _("pending review")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Source(models.TextChoices):
        PORTAL = "portal", _("partner portal")
        API = "api", _("API")
        UPLOAD = "upload", _("file upload")
        IMPORT = "import", _("HSDS import")

    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    # The site changed; empty while a new site waits for approval (set when it is created).
    site = models.ForeignKey(
        "registry.Site",
        verbose_name=_("site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="change_requests",
    )
    creates_site = models.BooleanField(_("new site"), default=False)
    # What the request changes, in the words of the language it was filed in (kept for search);
    # pages show `summary`, said again in the reader's language.
    summary_filed = models.CharField(_("summary"), max_length=300)
    payload = models.JSONField(_("proposed values"))
    base = models.JSONField(_("values replaced, as filed"), default=dict, blank=True)
    warnings = models.JSONField(_("warnings shown when filed"), default=list, blank=True)
    # Raised by each revision of the proposed values: an approval names the revision the
    # moderator reviewed, so that values changed meanwhile are never applied unseen.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    source = models.CharField(_("through"), max_length=10, choices=Source, default=Source.PORTAL)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decided_changes",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    # Approved over a conflicting edit, after the moderator saw it.
    overrode_conflicts = models.JSONField(_("conflicts overridden"), default=list, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="rejected") | ~Q(reason=""), name="rejection_has_reason"
            ),
        ]
        indexes = [models.Index(fields=["organization", "status"])]

    def __str__(self):
        return f"#{self.pk} {self.summary}"

    @property
    def summary(self) -> str:
        """What the request changes, in the active language, naming services by their names."""
        from .titles import describe

        return describe(self)

    @property
    def is_open(self) -> bool:
        return self.status in {self.Status.DRAFT, self.Status.PENDING}


class ProblemReport(models.Model):
    """What a member of the public reports about a public site (no account needed): an item in
    the moderators' list, closed by a moderator once handled. It never changes the registry."""

    class Kind(models.TextChoices):
        CLOSED = "closed", _("It has closed or moved")
        HOURS = "hours", _("The hours are wrong")
        CONTACT = "contact", _("The phone, e-mail or website is wrong")
        LOCATION = "location", _("The place on the map is wrong")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        HANDLED = "handled", _("handled")
        DISMISSED = "dismissed", _("dismissed")

    site = models.ForeignKey(
        "registry.Site",
        verbose_name=_("site"),
        on_delete=models.CASCADE,
        related_name="problem_reports",
    )
    service = models.ForeignKey(
        "registry.Service",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problem_reports",
    )
    kind = models.CharField(_("problem"), max_length=10, choices=Kind)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    # Optional, only to ask the reporter back; never shown to the public.
    contact = models.CharField(_("contact (optional)"), max_length=200, blank=True)
    # The page's language when reported, so a moderator knows which language to answer in.
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("reported at"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.OPEN, db_index=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    moderator_note = models.TextField(_("moderator's note"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")

    def __str__(self):
        return f"{self.get_kind_display()} – {self.site}"
