"""The registry in the admin: every record with its history (who changed what, when, through
which change request), illustrative records marked, and services found by how long ago they were
verified.

Who may change what is given by the role groups' permissions (geoplan/accounts/roles.py):
moderators and administrators change records, planners only view them.
"""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin, LeafletGeoAdminMixin
from simple_history.admin import SimpleHistoryAdmin

from geoplan.territory.upload import CsvImportAdminMixin

from .hours import HoursError, Interval, check_intervals, derive_opening_hours
from .models import (
    Closure,
    OpeningHours,
    Organization,
    Service,
    ServiceCategory,
    Site,
    Status,
)
from .site_import import COLUMNS, ImportRejected, SiteImportResult, import_sites
from .vocabulary import LANGUAGES, TargetGroup

# The admin's header and page titles name the product, not the framework.
admin.site.site_header = _("geoplan")
admin.site.site_title = _("geoplan")
admin.site.index_title = _("Registry, moderation and accounts")

# A service whose facts nobody confirmed for this long is listed by the "not verified" filter.
VERIFIED_WITHIN_DAYS = 180

# Labels of the relations whose model field gives none of its own (the admin would otherwise
# show the field's Python name, in English, in every language).
FIELD_LABELS = {
    "site": _("site"),
    "service": _("service at a site"),
    "organization": _("organisation"),
}


# An address typed without a scheme is taken as https:// (Django 6's default, chosen now).
URL_FORM_FIELDS = {models.URLField: {"assume_scheme": "https"}}


def illustrative_marker(flag: bool, help_text=None):
    """A visible label for a record that is an example, not a real one; nothing for a real one."""
    if not flag:
        return ""
    return format_html(
        '<span class="illustrative" title="{}" style="background:#fff3cd;color:#664d03;'
        'border:1px solid #e0c36a;border-radius:3px;padding:0 .4em;white-space:nowrap">{}</span>',
        help_text or gettext("Not real: shown only as an example."),
        gettext("illustrative"),
    )


class FieldLabelsMixin:
    """Give the relations listed in FIELD_LABELS a translatable label in forms."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        label = FIELD_LABELS.get(db_field.name)
        if (
            formfield is not None
            and label is not None
            and str(db_field.verbose_name) == db_field.name.replace("_", " ")
        ):
            formfield.label = capfirst(label)
        return formfield


class OrganisationFilter(admin.RelatedFieldListFilter):
    """The organisation filter, titled in the user's language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = _("organisation")


class IllustrativeFilter(admin.SimpleListFilter):
    title = _("illustrative")
    parameter_name = "illustrative"

    def lookups(self, request, model_admin):
        return [("yes", gettext("illustrative only")), ("no", gettext("real only"))]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(is_illustrative=self.value() == "yes")
        return queryset


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    formfield_overrides = URL_FORM_FIELDS
    list_display = ["name", "illustrative", "site_count", "website", "email", "source_note"]
    list_filter = [IllustrativeFilter]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_site_count=Count("sites", distinct=True))

    @admin.display(description=_("illustrative"), ordering="is_illustrative")
    def illustrative(self, obj):
        return illustrative_marker(obj.is_illustrative)

    @admin.display(description=_("sites"), ordering="_site_count")
    def site_count(self, obj):
        return obj._site_count


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "localized_name", "name_it", "name_en", "color", "order"]

    @admin.display(description=_("name"))
    def localized_name(self, obj):
        return str(obj)  # in the language of the page


class NeedsLocationFilter(admin.SimpleListFilter):
    title = _("location")
    parameter_name = "located"

    def lookups(self, request, model_admin):
        return [("no", _("needs location")), ("yes", _("located"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.needing_location()
        if self.value() == "yes":
            return queryset.located()
        return queryset


class ServiceStatusFilter(admin.SimpleListFilter):
    """Sites by the status of their services, to find those planned or needing verification."""

    title = _("service status")
    parameter_name = "service_status"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.filter(services__status=self.value()).distinct()
        return queryset


class NotVerifiedFilter(admin.SimpleListFilter):
    """Services nobody has confirmed lately: never verified, or last verified too long ago."""

    title = _("verification")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [
            (
                "stale",
                ngettext(
                    "not verified for %(days)d day",
                    "not verified for %(days)d days",
                    VERIFIED_WITHIN_DAYS,
                )
                % {"days": VERIFIED_WITHIN_DAYS},
            ),
            ("never", gettext("never verified")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            since = timezone.localdate() - timedelta(days=VERIFIED_WITHIN_DAYS)
            return queryset.filter(Q(last_verified__isnull=True) | Q(last_verified__lt=since))
        if self.value() == "never":
            return queryset.filter(last_verified__isnull=True)
        return queryset


class ServiceInline(FieldLabelsMixin, LeafletGeoAdminMixin, admin.StackedInline):
    model = Service
    extra = 0
    fields = [
        "name",
        "category",
        "status",
        "status_note",
        "active_period",
        "is_illustrative",
        "capacity",
        "capacity_unit",
    ]
    show_change_link = True


@admin.register(Site)
class SiteAdmin(CsvImportAdminMixin, FieldLabelsMixin, SimpleHistoryAdmin, LeafletGeoAdmin):
    list_display = [
        "name",
        "address",
        "organisation",
        "location_precision",
        "zone",
        "circoscrizione",
    ]
    list_filter = [
        NeedsLocationFilter,
        ServiceStatusFilter,
        "location_precision",
        ("organization", OrganisationFilter),
        "circoscrizione",
    ]
    list_select_related = ["organization", "zone", "circoscrizione"]
    search_fields = ["name", "address"]
    autocomplete_fields = ["organization"]
    readonly_fields = ["zone", "circoscrizione", "location_source"]
    inlines = [ServiceInline]
    # The map widget draws Turin's boundary so that an editor sees where a pin may go.
    change_form_template = "admin/registry/site/change_form.html"

    csv_import = staticmethod(import_sites)
    csv_import_rejected = ImportRejected
    csv_import_title = _("Import sites from CSV")
    csv_import_columns = tuple(COLUMNS)
    csv_import_help = _(
        "Name, category and address are required. Rows without lat/lon are placed on their street "
        "by the offline geocoder; a site that cannot be placed is kept unpublished and listed as "
        "needing a location. Rows at the same address become one site. A file with any bad row is "
        "refused whole."
    )

    @admin.display(description=_("organisation"), ordering="organization__name")
    def organisation(self, obj):
        return obj.organization or ""

    def csv_import_report(self, request, result: SiteImportResult) -> None:
        counts = {
            "rows": result.rows,
            "located": result.building + result.street,
            "building": result.building,
            "street": result.street,
            "unlocated": result.unlocated,
        }
        counts |= {f"sites_{k}": n for k, n in result.sites.items()}
        counts |= {f"services_{k}": n for k, n in result.services.items()}
        summary = ngettext(
            "%(rows)d row: located %(located)d (building %(building)d, street %(street)d), "
            "unlocated %(unlocated)d; sites created %(sites_created)d, updated %(sites_updated)d, "
            "unchanged %(sites_unchanged)d; services created %(services_created)d, "
            "updated %(services_updated)d, unchanged %(services_unchanged)d.",
            "%(rows)d rows: located %(located)d (building %(building)d, street %(street)d), "
            "unlocated %(unlocated)d; sites created %(sites_created)d, updated %(sites_updated)d, "
            "unchanged %(sites_unchanged)d; services created %(services_created)d, "
            "updated %(services_updated)d, unchanged %(services_unchanged)d.",
            result.rows,
        )
        self.message_user(request, summary % counts, messages.SUCCESS)
        if result.published:
            self.message_user(
                request,
                ngettext(
                    "%(n)d service published now that its site has a location.",
                    "%(n)d services published now that their sites have a location.",
                    result.published,
                )
                % {"n": result.published},
                messages.SUCCESS,
            )
        for reason in result.unlocated_reasons:
            self.message_user(
                request, gettext("Needs a location: %(site)s") % {"site": reason}, messages.WARNING
            )


class OpeningHoursFormSet(forms.BaseInlineFormSet):
    """Weekly intervals that can be written as OpenStreetMap opening hours (none overlapping)."""

    def clean(self):
        super().clean()
        intervals = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            if data.get("weekday") and data.get("opens_at") and data.get("closes_at"):
                intervals.append(
                    Interval(
                        int(data["weekday"]),
                        data["opens_at"],
                        data["closes_at"],
                        data.get("valid_from"),
                        data.get("valid_to"),
                    )
                )
        try:
            check_intervals(intervals)
        except HoursError as exc:
            raise forms.ValidationError(str(exc)) from exc


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 0


class ClosureInline(admin.TabularInline):
    model = Closure
    extra = 0


class VocabularyField(forms.MultipleChoiceField):
    """Codes of a controlled vocabulary ticked in a list, stored as an ArrayField's list."""

    def __init__(self, vocabulary, **kwargs):
        self.vocabulary = list(vocabulary)
        # The admin's class for a list of choices side by side, each label as wide as its words.
        kwargs.setdefault(
            "widget", forms.CheckboxSelectMultiple(attrs={"class": "radiolist inline"})
        )
        super().__init__(choices=self.vocabulary, required=False, **kwargs)

    def keep(self, stored) -> list[str]:
        """Offer the stored codes that the vocabulary lacks too, ticked, so that saving the form
        never drops them unseen."""
        known = {code for code, _label in self.vocabulary}
        unknown = [code for code in stored or [] if code not in known]
        self.choices = [
            *self.vocabulary,
            *((code, format_lazy(_("{code} (not in the list)"), code=code)) for code in unknown),
        ]
        return unknown


class ServiceAdminForm(forms.ModelForm):
    """Target groups and languages as checkboxes of the vocabulary, not typed codes."""

    target_groups = VocabularyField(
        TargetGroup.choices, label=capfirst(Service._meta.get_field("target_groups").verbose_name)
    )
    languages = VocabularyField(
        LANGUAGES, label=capfirst(Service._meta.get_field("languages").verbose_name)
    )

    class Meta:
        model = Service
        fields = "__all__"  # noqa: DJ007 (the admin chooses the fields it shows)
        # The form's own fields are built when the class is made, before the admin's
        # overrides apply: web addresses typed without a scheme are https here too.
        formfield_callback = staticmethod(
            lambda field, **kwargs: field.formfield(
                **({"assume_scheme": "https"} if isinstance(field, models.URLField) else {}),
                **kwargs,
            )
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unknown = {}
        for name in ("target_groups", "languages"):
            if name in self.fields:
                stored = getattr(self.instance, name, None) if self.instance.pk else None
                self.unknown[name] = self.fields[name].keep(stored)

    def clean_target_groups(self):
        """A stored group that the vocabulary lacks stays ticked until someone decides: the
        model accepts only the vocabulary's codes, so it is refused with what to do instead."""
        codes = self.cleaned_data.get("target_groups") or []
        kept = [code for code in codes if code in self.unknown.get("target_groups", [])]
        if kept:
            raise forms.ValidationError(
                gettext(
                    "Not in the list: %(codes)s. Untick it, and write it in the target groups "
                    "in the source's words if it still matters."
                )
                % {"codes": ", ".join(kept)}
            )
        return codes


@admin.register(Service)
class ServiceAdmin(FieldLabelsMixin, SimpleHistoryAdmin):
    form = ServiceAdminForm
    formfield_overrides = URL_FORM_FIELDS
    list_display = [
        "name",
        "category",
        "service_site",
        "organisation",
        "status",
        "status_note",
        "active_period",
        "last_verified",
        "illustrative",
        "capacity",
    ]
    # Planned and needs-verification services are public nowhere else: the filter finds them.
    list_filter = [
        "status",
        NotVerifiedFilter,
        "category",
        ("organization", OrganisationFilter),
        IllustrativeFilter,
    ]
    search_fields = ["name", "site__name", "site__address", "status_note", "active_period"]
    list_select_related = ["site", "category", "organization"]
    autocomplete_fields = ["site", "organization"]
    readonly_fields = ["opening_hours"]
    inlines = [OpeningHoursInline, ClosureInline]

    @admin.display(description=_("site"), ordering="site__name")
    def service_site(self, obj):
        return obj.site

    @admin.display(description=_("organisation"), ordering="organization__name")
    def organisation(self, obj):
        return obj.organization or ""

    @admin.display(description=_("illustrative"), ordering="is_illustrative")
    def illustrative(self, obj):
        return illustrative_marker(obj.is_illustrative)

    def save_related(self, request, form, formsets, change):
        """Derive the OpenStreetMap opening hours from the rows just saved."""
        super().save_related(request, form, formsets, change)
        service = form.instance
        try:
            derived = derive_opening_hours(service)
        except HoursError as exc:
            self.message_user(
                request,
                gettext("Opening hours not updated: %(reason)s") % {"reason": exc},
                messages.WARNING,
            )
            return
        if derived != service.opening_hours:
            service.opening_hours = derived
            service._history_user = request.user
            service.save(update_fields=["opening_hours"])


class ReadOnlyHistoryAdmin(FieldLabelsMixin, SimpleHistoryAdmin):
    """Rows edited with their service (so that its opening hours are derived again), listed on
    their own only to read them and their history."""

    list_select_related = ["service"]
    search_fields = ["service__name", "service__site__name"]

    @admin.display(description=_("service at a site"), ordering="service__name")
    def of_service(self, obj):
        return obj.service

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OpeningHours)
class OpeningHoursAdmin(ReadOnlyHistoryAdmin):
    list_display = ["of_service", "weekday", "opens_at", "closes_at", "valid_from", "valid_to"]


@admin.register(Closure)
class ClosureAdmin(ReadOnlyHistoryAdmin):
    list_display = ["of_service", "starts_on", "ends_on", "note"]
