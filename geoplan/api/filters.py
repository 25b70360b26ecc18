"""Query filters of the API's lists (django-filter), each bad value refused with a 400 whose
body names the parameter and says why: ``{"bbox": "..."}``."""

import math

from django import forms
from django.contrib.gis.geos import Polygon
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from geoplan.access.models import CellAccess, ZoneAccess
from geoplan.moderation.models import ChangeRequest
from geoplan.registry.models import Site
from geoplan.registry.vocabulary import LANGUAGES, TargetGroup
from geoplan.territory.models import SRID, Indicator, Zone

from .params import unknown_category

# Turin's eight circoscrizioni, numbered since 2016.
CIRCOSCRIZIONI = 8


class ParameterFilterBackend(filters.DjangoFilterBackend):
    """django-filter's backend, answering a refused value as ``{parameter: sentence}`` like the
    API's other parameters (``category``, ``profile``)."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise ValidationError(
                {name: " ".join(messages) for name, messages in filterset.errors.items()}
            )
        return filterset.qs


class ServiceFilterBackend(ParameterFilterBackend):
    """For a list of sites with their services: the view's ``listed_services()`` (the services
    it may show) go to the FilterSet, which keeps those matching the service filters."""

    def get_filterset_kwargs(self, request, queryset, view):
        return super().get_filterset_kwargs(request, queryset, view) | {
            "services": view.listed_services()
        }


# ---------------------------------------------------------------------------------------------
# Fields: one per kind of value, strict (a value that is not understood is refused, not ignored)
# ---------------------------------------------------------------------------------------------
class BBoxField(forms.CharField):
    """``minlon,minlat,maxlon,maxlat`` in degrees (EPSG:4326), as a polygon."""

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        parts = value.split(",")
        try:
            numbers = [float(p) for p in parts]
        except ValueError:
            numbers = []
        if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers):
            raise forms.ValidationError(
                _(
                    "bbox is four numbers separated by commas, minlon,minlat,maxlon,maxlat in "
                    "degrees (EPSG:4326), e.g. 7.66,45.06,7.70,45.08; not %(value)r."
                )
                % {"value": value}
            )
        minlon, minlat, maxlon, maxlat = numbers
        if not all(-180 <= lon <= 180 for lon in (minlon, maxlon)) or not all(
            -90 <= lat <= 90 for lat in (minlat, maxlat)
        ):
            raise forms.ValidationError(
                _(
                    "bbox is out of range: longitudes go from -180 to 180 and latitudes from "
                    "-90 to 90 (minlon,minlat,maxlon,maxlat)."
                )
            )
        if minlon >= maxlon or minlat >= maxlat:
            raise forms.ValidationError(
                _(
                    "bbox is inverted or empty: it is minlon,minlat,maxlon,maxlat, with minlon "
                    "below maxlon and minlat below maxlat."
                )
            )
        return _box(numbers)


def _box(numbers) -> Polygon:
    box = Polygon.from_bbox(numbers)
    box.srid = SRID
    return box


class StrictBooleanField(forms.Field):
    """``true`` or ``false`` (also ``1`` or ``0``); anything else is refused, not ignored."""

    VALUES = {"true": True, "1": True, "false": False, "0": False}

    def to_python(self, value):
        if value in (None, ""):
            return None
        if value.lower() not in self.VALUES:
            raise forms.ValidationError(
                _("%(name)s is true or false, not %(value)r.")
                % {"name": self.label, "value": value}
            )
        return self.VALUES[value.lower()]


class VocabularyField(forms.ChoiceField):
    """A code of a fixed vocabulary; an unknown one is refused with the known ones."""

    def validate(self, value):
        if value and not self.valid_value(value):
            raise forms.ValidationError(
                _("Unknown %(name)s %(value)r: use one of %(known)s.")
                % {
                    "name": self.label,
                    "value": value,
                    "known": ", ".join(str(code) for code, _label in self.choices if code),
                }
            )
        super().validate(value)


class WholeNumberField(forms.IntegerField):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        lowest, highest = self.min_value, self.max_value
        if highest is None:
            message = _("%(name)s must be a whole number of at least %(lowest)d.")
        else:
            message = _("%(name)s must be a whole number from %(lowest)d to %(highest)d.")
        message = message % {"name": self.label, "lowest": lowest, "highest": highest}
        for code in ("invalid", "min_value", "max_value", "max_digits"):
            self.error_messages[code] = message


class CategoryField(forms.CharField):
    """A service category's code, checked against the registry's categories."""

    def validate(self, value):
        super().validate(value)
        problem = value and unknown_category(value)
        if problem:
            raise forms.ValidationError(problem)


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------
BBOX_HELP = gettext_lazy(
    "Only what intersects this box: minlon,minlat,maxlon,maxlat in degrees (EPSG:4326), e.g. "
    "7.66,45.06,7.70,45.08. A malformed, out-of-range, inverted or empty box is refused (400)."
)


@extend_schema_field(
    {
        "type": "string",
        "pattern": r"^\s*-?[0-9.]+(\s*,\s*-?[0-9.]+){3}\s*$",
        "example": "7.66,45.06,7.70,45.08",
    }
)
class BBoxFilter(filters.Filter):
    field_class = BBoxField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("help_text", BBOX_HELP)
        kwargs.setdefault("label", "bbox")
        kwargs.setdefault("lookup_expr", "intersects")
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.BOOL)
class StrictBooleanFilter(filters.Filter):
    field_class = StrictBooleanField


class VocabularyFilter(filters.ChoiceFilter):
    field_class = VocabularyField


class WholeNumberFilter(filters.NumberFilter):
    field_class = WholeNumberField


@extend_schema_field({"$ref": "#/components/schemas/CategoryCode"})
class CategoryFilter(filters.CharFilter):
    field_class = CategoryField


def circoscrizione_filter(field_name: str):
    return extend_schema_field({"type": "integer", "minimum": 1, "maximum": CIRCOSCRIZIONI})(
        WholeNumberFilter(
            field_name=field_name,
            label="circoscrizione",
            min_value=1,
            max_value=CIRCOSCRIZIONI,
            help_text=gettext_lazy(
                "Only what lies in the circoscrizione with this number (1 to 8)."
            ),
        )
    )


def id_filter(field_name: str, label: str, help_text):
    return extend_schema_field({"type": "integer", "minimum": 1})(
        WholeNumberFilter(field_name=field_name, label=label, min_value=1, help_text=help_text)
    )


# ---------------------------------------------------------------------------------------------
# The public lists
# ---------------------------------------------------------------------------------------------
class ServiceListFilter(filters.FilterSet):
    """Filters of a site list that choose among its services: a site is listed with the services
    that match (at least one), the others left out."""

    SERVICE_LOOKUPS = {
        "category": lambda v: {"category__code": v},
        "target_group": lambda v: {"target_groups__overlap": [v, TargetGroup.EVERYONE]},
        "language": lambda v: {"languages__contains": [v]},
        "step_free": lambda v: {"step_free_access": v},
    }

    def __init__(self, *args, services=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.services = services

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.services is None:
            return queryset
        services = self.filter_services(self.services)
        return queryset.filter(pk__in=services.values("site_id")).prefetch_related(
            Prefetch("services", services, to_attr="listed_services")
        )

    def filter_services(self, services):
        for name, lookup in self.SERVICE_LOOKUPS.items():
            value = self.form.cleaned_data.get(name)
            if value not in (None, ""):
                services = services.filter(**lookup(value))
        return services

    def keep(self, queryset, name, value):
        # Applied to the services by filter_services().
        return queryset


class SiteFilter(ServiceListFilter):
    category = CategoryFilter(
        method="keep",
        label="category",
        help_text=gettext_lazy("Only services of this category (codes: /api/categories/)."),
    )
    target_group = VocabularyFilter(
        method="keep",
        label="target_group",
        choices=TargetGroup.choices,
        help_text=gettext_lazy("Only services for this group, or open to everyone."),
    )
    language = VocabularyFilter(
        method="keep",
        label="language",
        choices=LANGUAGES,
        help_text=gettext_lazy("Only services where this language is spoken (ISO 639-1)."),
    )
    step_free = StrictBooleanFilter(
        method="keep",
        label="step_free",
        help_text=gettext_lazy(
            "true: only services with step-free access; false: only those known to have none."
        ),
    )
    bbox = BBoxFilter(field_name="geom")

    class Meta:
        model = Site
        fields = ["category", "target_group", "language", "step_free", "bbox"]


class ZoneFilter(filters.FilterSet):
    bbox = BBoxFilter(field_name="geom")
    circoscrizione = circoscrizione_filter("circoscrizione__number")

    class Meta:
        model = Zone
        fields = ["bbox", "circoscrizione"]


class IndicatorFilter(filters.FilterSet):
    kind = VocabularyFilter(
        label="kind",
        choices=Indicator.Kind.choices,
        help_text=gettext_lazy("Only indicators of this kind."),
    )
    level = VocabularyFilter(
        label="level",
        choices=Indicator.Level.choices,
        help_text=gettext_lazy("Only indicators measured on this geography."),
    )
    in_need = StrictBooleanFilter(
        field_name="higher_means_more_need",
        lookup_expr="isnull",
        exclude=True,
        label="in_need",
        help_text=gettext_lazy(
            "true: only indicators that enter need indices; false: only context figures."
        ),
    )

    class Meta:
        model = Indicator
        fields = ["kind", "level", "in_need"]


class CellAccessFilter(filters.FilterSet):
    bbox = BBoxFilter(field_name="cell__geom")

    class Meta:
        model = CellAccess
        fields = ["bbox"]


class ZoneAccessFilter(filters.FilterSet):
    bbox = BBoxFilter(field_name="zone__geom")
    circoscrizione = circoscrizione_filter("zone__circoscrizione__number")

    class Meta:
        model = ZoneAccess
        fields = ["bbox", "circoscrizione"]


# ---------------------------------------------------------------------------------------------
# The partner and moderation lists
# ---------------------------------------------------------------------------------------------
class PartnerSiteFilter(filters.FilterSet):
    organization = id_filter(
        "organization_id",
        "organization",
        gettext_lazy("Only the sites of this one of your organisations (its id)."),
    )
    bbox = BBoxFilter(field_name="geom")

    class Meta:
        model = Site
        fields = ["organization", "bbox"]


class StatusField(VocabularyField):
    """The partner API's sentence for an unknown status, kept as clients know it."""

    def validate(self, value):
        if value and not self.valid_value(value):
            known = ", ".join(str(code) for code, _label in self.choices if code)
            raise forms.ValidationError(
                _("Unknown status “%(value)s”: use one of %(known)s.")
                % {"value": value, "known": known}
            )
        forms.ChoiceField.validate(self, value)


class StatusFilter(VocabularyFilter):
    """A change request's status, or ``all``; unknown ones are refused with the known ones."""

    field_class = StatusField

    def __init__(self, statuses, **kwargs):
        super().__init__(
            label="status",
            choices=[(s, s) for s in [*statuses, "all"]],
            **kwargs,
        )

    def filter(self, qs, value):
        if value in (None, "", "all"):
            return qs
        return qs.filter(status=value)


class PartnerChangeFilter(filters.FilterSet):
    status = StatusFilter(
        ChangeRequest.Status.values,
        help_text=gettext_lazy("Only requests with this status; all (the default): any."),
    )
    site = id_filter("site_id", "site", gettext_lazy("Only the requests about this site (its id)."))

    class Meta:
        model = ChangeRequest
        fields = ["status", "site"]


# What moderators review: requests once submitted (a draft is still its partner's).
REVIEWED_STATUSES = [s for s in ChangeRequest.Status.values if s != ChangeRequest.Status.DRAFT]


class ModerationChangeFilter(filters.FilterSet):
    status = StatusFilter(
        REVIEWED_STATUSES,
        help_text=gettext_lazy(
            "Only requests with this status: pending when left out; all: any status."
        ),
    )
    organization = id_filter(
        "organization_id",
        "organization",
        gettext_lazy("Only the requests of this organisation (its id)."),
    )

    class Meta:
        model = ChangeRequest
        fields = ["status", "organization"]

    def filter_queryset(self, queryset):
        if "status" not in self.data:
            queryset = queryset.filter(status=ChangeRequest.Status.PENDING)
        return super().filter_queryset(queryset)
