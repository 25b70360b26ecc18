"""A background job a person can watch: what was asked, by whom, how far it got, how it ended."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )
    reason = models.CharField(_("why"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        indexes = [models.Index(fields=["kind", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="job_progress_at_most_100"
            ),
            # Changes arriving while a recompute waits in the queue are served by that one.
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind="recompute", status="queued"),
                name="one_waiting_recompute",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def done(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    def report(self, progress: int, message: str = "") -> None:
        """Record progress from inside the task (a separate UPDATE: visible at once)."""
        self.progress, self.message = max(0, min(100, int(progress))), message[:300]
        Job.objects.filter(pk=self.pk).update(progress=self.progress, message=self.message)

    def start(self) -> None:
        self.status, self.started_at = self.Status.RUNNING, timezone.now()
        self.attempts += 1
        Job.objects.filter(pk=self.pk).update(
            status=self.status, started_at=self.started_at, attempts=self.attempts, error=""
        )

    def succeed(self, result=None, message: str = "") -> None:
        self._finish(self.Status.SUCCEEDED, result=result, message=message, progress=100)

    def fail(self, error: str) -> None:
        self._finish(self.Status.FAILED, error=error[:5000])

    def _finish(self, status, progress=None, **values) -> None:
        values = {"status": status, "finished_at": timezone.now(), **values}
        if progress is not None:
            values["progress"] = progress
        for k, v in values.items():
            setattr(self, k, v)
        Job.objects.filter(pk=self.pk).update(**values)
