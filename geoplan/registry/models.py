"""The service registry, shaped on Open Referral HSDS 3.0.

HSDS names: organization -> Organization, location -> Site, service_at_location -> Service
(one service offered at one site), schedule -> OpeningHours. Points are EPSG:4326.
"""

from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from geoplan.territory.constraints import ValidGeometryConstraint
from geoplan.territory.models import Circoscrizione, City, Zone

from .history import ChangeRequestLink
from .text import normalise_address
from .vocabulary import TargetGroup


def _history():
    """Full history of a registry record: who, when, what, through which change request."""
    return HistoricalRecords(bases=[ChangeRequestLink], cascade_delete_history=False)


class Organization(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    source_note = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("Where a public source names this organisation as running a site."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Not a real organisation: shown only as an example and always labelled so."),
    )

    history = _history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class ServiceCategory(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_it = models.CharField(_("name (Italian)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    # The public finder's other languages (fr, es, ro, ar, zh-hans), keyed by language code;
    # a language without a name here shows the English one.
    other_names = models.JSONField(
        _("names in other languages"),
        default=dict,
        blank=True,
        help_text=_('By language code, e.g. {"fr": "Hébergement de nuit"}.'),
    )
    color = models.CharField(
        _("colour"),
        max_length=7,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a colour like #1f77b4."))],
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("service category")
        verbose_name_plural = _("service categories")

    def __str__(self):
        return self.name(get_language() or "it")

    def name(self, language: str) -> str:
        language = (language or "it").lower()
        if language.startswith("it"):
            return self.name_it
        if language.startswith("en"):
            return self.name_en
        return (self.other_names or {}).get(language) or self.name_en


class LocationPrecision(models.TextChoices):
    BUILDING = "building", _("building")
    STREET = "street", _("approximate: street level")
    NONE = "none", _("not located")


class LocationSource(models.TextChoices):
    FILE = "file", _("coordinates in the imported file")
    GEOCODER = "geocoder", _("offline geocoder")
    MANUAL = "manual", _("set by hand")


class SiteQuerySet(models.QuerySet):
    def located(self):
        return self.exclude(geom__isnull=True)

    def needing_location(self):
        return self.filter(geom__isnull=True)


def check_inside_city(point) -> None:
    """Raise ValidationError unless the point lies inside Turin's boundary."""
    if point is None:
        return
    # Tested in PostGIS, which transforms the point and uses the spatial index: reading the
    # full-detail boundary into Python for each check cost ~25 ms (the finder checks every
    # request's point).
    inside = (
        City.objects.filter(istat_code=City.TURIN_ISTAT_CODE)
        .annotate(inside=ExpressionWrapper(Q(geom__intersects=point), BooleanField()))
        .values_list("inside", flat=True)
        .first()
    )
    if inside is None:
        raise ValidationError(
            _("The city boundary is not loaded yet: run `manage.py load_territory` first.")
        )
    if not inside:
        raise ValidationError(
            {
                "geom": _(
                    "The point (%(lon).5f, %(lat).5f) is outside the City of Turin. "
                    "geoplan only registers sites inside the municipal boundary."
                )
                % {"lon": point.x, "lat": point.y}
            }
        )


class Site(models.Model):
    """A physical place where services are offered (HSDS location)."""

    name = models.CharField(_("name"), max_length=200)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sites",
    )
    address = models.CharField(_("address"), max_length=300)
    address_key = models.CharField(max_length=300, unique=True, editable=False)
    geom = models.PointField(_("location"), srid=4326, null=True, blank=True)
    location_precision = models.CharField(
        _("location precision"),
        max_length=10,
        choices=LocationPrecision,
        default=LocationPrecision.NONE,
    )
    location_note = models.CharField(_("how it was located"), max_length=300, blank=True)
    # Who owns the point: the importer replaces only a location it set itself (file or
    # geocoder), never one placed by hand. Not editable in forms: it is derived in save().
    # Rows written outside Django get the same default from the database.
    location_source = models.CharField(
        _("location source"),
        max_length=10,
        choices=LocationSource,
        default=LocationSource.MANUAL,
        db_default=LocationSource.MANUAL,
        editable=False,
    )
    circoscrizione = models.ForeignKey(
        Circoscrizione, null=True, blank=True, editable=False, on_delete=models.SET_NULL
    )
    zone = models.ForeignKey(
        Zone,
        verbose_name=_("zona statistica"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
    )

    objects = SiteQuerySet.as_manager()
    history = _history()

    class Meta:
        ordering = ["name"]
        verbose_name = _("site")
        verbose_name_plural = _("sites")
        constraints = [
            ValidGeometryConstraint(field="geom", name="site_geom_valid", nullable=True),
            # A located site says how precisely; an unlocated one says "none".
            models.CheckConstraint(
                condition=(Q(geom__isnull=True) & Q(location_precision="none"))
                | (Q(geom__isnull=False) & ~Q(location_precision="none")),
                name="site_precision_matches_location",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def needs_location(self) -> bool:
        return self.geom is None

    def clean(self):
        super().clean()
        if self.geom is not None and self.location_precision == LocationPrecision.NONE:
            self.location_precision = LocationPrecision.BUILDING
        if self.geom is None:
            self.location_precision = LocationPrecision.NONE
        check_inside_city(self.geom)

    # The point as last read from or written to the database, to tell whether a save moves it.
    _saved_geom = None
    # Set by set_location_source() for the next save only.
    _location_source_given = False

    @classmethod
    def from_db(cls, db, field_names, values):
        site = super().from_db(db, field_names, values)
        site._saved_geom = site.__dict__.get("geom")
        return site

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None or "geom" in fields:
            self._saved_geom = self.__dict__.get("geom")

    def set_location_source(self, source: str) -> None:
        """Say where the point came from, for the next save.

        Without it, a save that moves the point (the admin's map, the API) is taken as a location
        placed by hand, which the importer will then never replace.
        """
        self.location_source = source
        self._location_source_given = True

    def _geom_moved(self) -> bool:
        if "geom" not in self.__dict__:  # deferred and never loaded: it cannot have changed
            return False
        old, new = self._saved_geom, self.geom
        if old is None or new is None:
            return old is not new
        return not (old.srid == new.srid and old.equals_exact(new, 1e-9))

    def save(self, *args, **kwargs):
        """Save; a point moved without set_location_source() becomes a location set by hand."""
        update_fields = kwargs.get("update_fields")
        saves_geom = update_fields is None or "geom" in update_fields
        moved = saves_geom and not self._state.adding and self._geom_moved()
        if moved and not self._location_source_given:
            self.location_source = LocationSource.MANUAL
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "location_source"}
        self.address_key = normalise_address(self.address)
        self.derive_areas()
        super().save(*args, **kwargs)
        if saves_geom:
            self._saved_geom = self.__dict__.get("geom")
        self._location_source_given = False

    def derive_areas(self):
        """Set the zona statistica and circoscrizione from the point."""
        if self.geom is None:
            self.zone = self.circoscrizione = None
            return
        self.zone = Zone.objects.containing(self.geom).first()
        self.circoscrizione = (
            Circoscrizione.objects.filter(geom__intersects=self.geom).first()
            # The circoscrizioni come from another source than the city boundary and the zones,
            # so a point in a sliver between their outlines falls back to the zone's.
            or (self.zone.circoscrizione if self.zone else None)
        )


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PENDING = "pending", _("pending review")
    PUBLISHED = "published", _("published")
    ARCHIVED = "archived", _("archived")
    # What a source says of a service that is not running now: neither is public.
    PLANNED = "planned", _("planned")
    UNVERIFIED = "unverified", _("needs verification")


class ServiceQuerySet(models.QuerySet):
    def published(self, include_illustrative: bool = True):
        qs = self.filter(status=Status.PUBLISHED, site__geom__isnull=False)
        return qs if include_illustrative else qs.filter(is_illustrative=False)


class Service(models.Model):
    """One service offered at one site (HSDS service_at_location with its service)."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="services")
    category = models.ForeignKey(
        ServiceCategory, verbose_name=_("category"), on_delete=models.PROTECT
    )
    name = models.CharField(_("name"), max_length=200)
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="services"
    )
    description = models.TextField(_("description"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    capacity_unit = models.CharField(_("capacity unit"), max_length=50, blank=True)
    target_groups = ArrayField(
        models.CharField(max_length=100, choices=TargetGroup),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    target_groups_note = models.CharField(
        _("target groups in the source's words"),
        max_length=300,
        blank=True,
        help_text=_("Who the service is for, where the list above does not say it."),
    )
    eligibility = models.TextField(_("eligibility"), blank=True)
    languages = ArrayField(
        models.CharField(max_length=8),
        verbose_name=_("languages (ISO 639-1)"),
        default=list,
        blank=True,
    )
    step_free_access = models.BooleanField(_("step-free access"), null=True, blank=True)
    hours_text = models.CharField(_("opening hours as published"), max_length=300, blank=True)
    # The language the record's free texts (description, eligibility, hours as published, target
    # groups note, capacity unit) are written in: pages show them as published, marked with it.
    text_language = models.CharField(
        _("language of the texts"), max_length=10, default="it", blank=True
    )
    # Derived from the schedule rows and closures (registry/hours.py), never typed: the form the
    # opening-hours evaluator and OpenStreetMap read.
    opening_hours = models.CharField(
        _("opening hours (OpenStreetMap syntax)"), max_length=1000, blank=True, editable=False
    )
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=False)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    as_of_year = models.PositiveSmallIntegerField(_("facts as of (year)"), null=True, blank=True)
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.DRAFT)
    status_note = models.CharField(
        _("status as stated by the source"),
        max_length=300,
        blank=True,
        help_text=_("The source's own words, e.g. “planned in 2023”, kept as data."),
    )
    active_period = models.CharField(
        _("active period"),
        max_length=100,
        blank=True,
        help_text=_(
            "For a seasonal or past service: when it ran, as the source says (e.g. winter 2019-20)."
        ),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Not a real service: shown only as an example and always labelled so."),
    )
    note = models.TextField(_("note"), blank=True)

    objects = ServiceQuerySet.as_manager()
    history = _history()

    class Meta:
        ordering = ["site__name", "name"]
        verbose_name = _("service at a site")
        verbose_name_plural = _("services at sites")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "category", "name"], name="one_service_per_site_category_name"
            ),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | ~Q(capacity_unit=""),
                name="capacity_has_unit",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if self.status == Status.PUBLISHED and self.site_id and self.site.geom is None:
            raise ValidationError(
                {"status": _("A site without a location cannot be published: place it first.")}
            )
        if self.capacity is not None and not self.capacity_unit:
            raise ValidationError({"capacity_unit": _("Say what the capacity counts.")})


class OpeningHours(models.Model):
    """A weekly opening interval (HSDS schedule: freq WEEKLY, byday, opens_at, closes_at,
    valid_from, valid_to)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 1, _("Monday")
        TUESDAY = 2, _("Tuesday")
        WEDNESDAY = 3, _("Wednesday")
        THURSDAY = 4, _("Thursday")
        FRIDAY = 5, _("Friday")
        SATURDAY = 6, _("Saturday")
        SUNDAY = 7, _("Sunday")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(
        _("closes at"), help_text=_("Earlier than the opening time for overnight services.")
    )
    # A season: the interval applies only between these dates (both included).
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    history = _history()

    class Meta:
        ordering = ["weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            # One range per start in each season: the usual Monday 09:00 and a summer Monday
            # 09:00 are two rows. (NULL dates count as one season: the year round.)
            models.UniqueConstraint(
                fields=["service", "weekday", "opens_at", "valid_from", "valid_to"],
                name="one_interval_per_start_and_season",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=~Q(opens_at=models.F("closes_at")), name="interval_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_from__lte=models.F("valid_to")),
                name="season_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"


class Closure(models.Model):
    """Days a service is closed although its weekly hours say open (holidays, works)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(_("closed from"))
    ends_on = models.DateField(_("closed until"))
    note = models.CharField(_("why"), max_length=200, blank=True)

    history = _history()

    class Meta:
        ordering = ["starts_on"]
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=models.F("ends_on")), name="closure_in_order"
            )
        ]

    def __str__(self):
        return f"{self.starts_on} – {self.ends_on}"
