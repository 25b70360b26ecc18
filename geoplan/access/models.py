"""Accessibility runs and their results, stored in PostGIS. Runs are never overwritten."""

from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from geoplan.registry.models import ServiceCategory
from geoplan.territory.models import Indicator, Zone


class Profile(models.TextChoices):
    STANDARD = "standard", _("standard walker (4.5 km/h)")
    SLOW = "slow", _("slow walker (3.0 km/h)")


# Walking speeds of the profiles, km/h (DESIGN.md, "Measures").
PROFILE_SPEED_KMH = {Profile.STANDARD: 4.5, Profile.SLOW: 3.0}


class AccessRunQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(status=AccessRun.Status.COMPLETED)

    def latest_completed(self, profile: str = Profile.STANDARD, include_illustrative=False):
        """The run the maps and API show: real services only, unless asked otherwise."""
        return (
            self.completed()
            .filter(profile=profile, params__include_illustrative=include_illustrative)
            .order_by("-finished_at", "-pk")
            .first()
        )


class AccessRun(models.Model):
    class Status(models.TextChoices):
        RUNNING = "running", _("running")
        COMPLETED = "completed", _("completed")
        FAILED = "failed", _("failed")

    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.RUNNING)
    profile = models.CharField(
        _("walking profile"), max_length=10, choices=Profile, default=Profile.STANDARD
    )
    inputs_hash = models.CharField(
        _("inputs hash"),
        max_length=64,
        blank=True,
        help_text=_("Fingerprint of network, sites, population and parameters used."),
    )
    error = models.TextField(blank=True)
    params = models.JSONField(_("parameters"), default=dict)
    network_hash = models.CharField(_("network hash"), max_length=64, blank=True)
    timings_s = models.JSONField(_("timings (s)"), default=dict)
    counts = models.JSONField(default=dict)
    city = models.JSONField(_("city-level results per category"), default=dict)

    objects = AccessRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("accessibility run")
        verbose_name_plural = _("accessibility runs")

    def __str__(self):
        return f"run {self.pk} ({self.status})"


class AccessCell(models.Model):
    """An H3 resolution-9 cell of one run, with the residents attributed to it."""

    run = models.ForeignKey(AccessRun, on_delete=models.CASCADE, related_name="cells")
    h3 = models.CharField(max_length=16)
    population = models.PositiveIntegerField()
    geom = models.PolygonField(srid=4326)
    # Where the cell centre joins the run's network (node index, straight leg in metres), so a
    # what-if on this run walks from exactly the same places.
    node = models.PositiveIntegerField()
    snap_m = models.FloatField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["run", "h3"], name="one_cell_per_run")]


class AccessCellZone(models.Model):
    """The residents of a cell that live in one zone (a cell on a zone border is split)."""

    cell = models.ForeignKey(AccessCell, on_delete=models.CASCADE, related_name="pieces")
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE)
    population = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cell", "zone"], name="one_piece_per_cell_zone")
        ]


class CellAccess(models.Model):
    cell = models.ForeignKey(AccessCell, on_delete=models.CASCADE, related_name="measures")
    category = models.CharField(max_length=40)
    nearest_min = models.FloatField(null=True, help_text=_("Empty when no site is reachable."))
    sites_within_10 = models.PositiveIntegerField()
    sites_within_15 = models.PositiveIntegerField()
    sites_within_20 = models.PositiveIntegerField()
    capacity_within_10 = models.FloatField()
    capacity_within_15 = models.FloatField()
    capacity_within_20 = models.FloatField()
    e2sfca = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cell", "category"], name="one_measure_per_cell_category"
            )
        ]
        indexes = [models.Index(fields=["category"])]


class ZoneAccess(models.Model):
    run = models.ForeignKey(AccessRun, on_delete=models.CASCADE, related_name="zones")
    zone = models.ForeignKey(Zone, on_delete=models.CASCADE)
    category = models.CharField(max_length=40)
    population = models.PositiveIntegerField()
    mean_min = models.FloatField(null=True)
    share_within_10 = models.FloatField()
    share_within_15 = models.FloatField()
    share_within_20 = models.FloatField()
    e2sfca_mean = models.FloatField(null=True)
    need = models.FloatField(null=True)
    need_01 = models.FloatField(null=True, help_text=_("Need as a percentile among zones, 0–1."))
    need_components = models.JSONField(
        default=dict, help_text=_("Signed z-score of each indicator of the need profile.")
    )
    residents_beyond = models.PositiveIntegerField(
        null=True, help_text=_("Residents beyond the gap threshold (minutes).")
    )
    gap = models.FloatField(null=True, help_text=_("Gap intensity, 0–1."))
    gap_people = models.FloatField(
        null=True, help_text=_("Need-weighted residents beyond the threshold: the ranking measure.")
    )
    gap_rank = models.PositiveIntegerField(null=True)
    gap_tied = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["run", "zone", "category"], name="one_result_per_run_zone_category"
            )
        ]


class NeedProfile(models.Model):
    """Which need indicators, with which weights, make the need index of one service category."""

    category = models.OneToOneField(
        ServiceCategory,
        verbose_name=_("category"),
        on_delete=models.CASCADE,
        related_name="need_profile",
    )
    note = models.TextField(_("why these indicators"), blank=True)

    class Meta:
        ordering = ["category"]
        verbose_name = _("need profile")
        verbose_name_plural = _("need profiles")

    def __str__(self):
        return str(self.category)


class NeedWeight(models.Model):
    profile = models.ForeignKey(NeedProfile, on_delete=models.CASCADE, related_name="weights")
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.PROTECT,
        limit_choices_to={"higher_means_more_need__isnull": False},
    )
    weight = models.FloatField(_("weight"), default=1.0)

    class Meta:
        ordering = ["indicator__code"]
        verbose_name = _("need weight")
        verbose_name_plural = _("need weights")
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "indicator"], name="one_weight_per_profile_indicator"
            ),
            models.CheckConstraint(condition=models.Q(weight__gte=0), name="weight_not_negative"),
        ]

    def __str__(self):
        return f"{self.indicator.code} × {self.weight:g}"

    def clean(self):
        super().clean()
        if self.indicator_id and self.indicator.higher_means_more_need is None:
            raise ValidationError(
                {"indicator": _("A context figure (no direction of need) cannot weigh in need.")}
            )


class KpiSnapshot(models.Model):
    """The plan's headline figures for one category, as of one completed run: kept per run, so
    that the monitoring page charts the plan's progress as sites are approved."""

    run = models.ForeignKey(AccessRun, on_delete=models.CASCADE, related_name="kpis")
    taken_at = models.DateTimeField(_("as of"))
    profile = models.CharField(_("walking profile"), max_length=10, choices=Profile)
    category = models.CharField(_("category"), max_length=40)
    population = models.PositiveIntegerField(_("residents"))
    n_sites = models.PositiveIntegerField(_("services counted"))
    share_within_15 = models.FloatField(_("share of residents within 15 min"))
    need_weighted_unserved = models.FloatField(
        _("need-weighted residents beyond 15 min"), null=True
    )
    mean_min = models.FloatField(_("mean walk (min)"), null=True)
    gini_nearest_min = models.FloatField(_("Gini of walking minutes"), null=True)

    class Meta:
        ordering = ["category", "taken_at"]
        verbose_name = _("KPI snapshot")
        verbose_name_plural = _("KPI snapshots")
        constraints = [
            models.UniqueConstraint(fields=["run", "category"], name="one_kpi_per_run_category")
        ]
        indexes = [models.Index(fields=["profile", "category", "taken_at"])]
