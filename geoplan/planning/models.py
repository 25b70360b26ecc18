"""Planners' scenarios: named sets of edits to the published registry (new sites, closures, moves,
capacity changes), shared among planners, answered by recomputing every measure with the edits
applied. Scenarios never change the registry."""

from django.conf import settings
from django.contrib.gis.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from geoplan.registry.models import ServiceCategory, Site
from geoplan.territory.constraints import ValidGeometryConstraint


class Scenario(models.Model):
    class Origin(models.TextChoices):
        MANUAL = "manual", _("drawn by a planner")
        SITING = "siting", _("answer of an optimal siting")
        PLANNED = "planned", _("the planned sites of the registry")

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        related_name="scenarios",
    )
    origin = models.CharField(_("origin"), max_length=10, choices=Origin, default=Origin.MANUAL)
    # For a siting answer: what was asked and what the solver reported (see access.siting).
    siting = models.JSONField(_("siting request and answer"), default=dict, blank=True)
    # A demo scenario made by `make demo`, not a plan of the city.
    is_illustrative = models.BooleanField(_("illustrative"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self):
        return self.name


class ScenarioEdit(models.Model):
    """One change a scenario makes to the published registry, applied in ``position`` order.

    - add: a new site of ``category`` at ``geom`` (optional ``capacity``, ``hours``, ``name``);
    - close: every published service at ``site`` stops counting;
    - move: ``site`` counts as if it stood at ``geom``;
    - capacity: the published service of ``category`` at ``site`` gets ``capacity``.
    """

    class Kind(models.TextChoices):
        ADD = "add", _("add a site")
        CLOSE = "close", _("close a site")
        MOVE = "move", _("move a site")
        CAPACITY = "capacity", _("change a capacity")

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="edits")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind)
    category = models.ForeignKey(
        ServiceCategory,
        verbose_name=_("category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    site = models.ForeignKey(
        Site, verbose_name=_("site"), null=True, blank=True, on_delete=models.CASCADE
    )
    geom = models.PointField(_("location"), srid=4326, null=True, blank=True)
    capacity = models.FloatField(_("capacity"), null=True, blank=True)
    # Opening hours in the OpenStreetMap opening_hours syntax, as the registry keeps them.
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["scenario", "position", "pk"]
        verbose_name = _("scenario edit")
        verbose_name_plural = _("scenario edits")
        constraints = [
            ValidGeometryConstraint(field="geom", name="scenario_edit_geom_valid", nullable=True),
            models.CheckConstraint(
                condition=(
                    Q(kind="add", category__isnull=False, geom__isnull=False)
                    | Q(kind="close", site__isnull=False)
                    | Q(kind="move", site__isnull=False, geom__isnull=False)
                    | Q(
                        kind="capacity",
                        site__isnull=False,
                        category__isnull=False,
                        capacity__isnull=False,
                    )
                ),
                name="scenario_edit_has_what_its_kind_needs",
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=0),
                name="scenario_edit_capacity_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"
