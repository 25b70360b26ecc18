from django.contrib import admin, messages
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin, LeafletGeoAdminMixin

from geoplan.territory.upload import CsvImportAdminMixin

from .models import OpeningHours, Organization, Service, ServiceCategory, Site, Status
from .site_import import COLUMNS, ImportRejected, SiteImportResult, import_sites


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "website", "email"]
    search_fields = ["name"]


@admin.register(ServiceCategory)
class ServiceCategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name_it", "name_en", "color", "order"]


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


class ServiceInline(LeafletGeoAdminMixin, admin.StackedInline):
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
class SiteAdmin(CsvImportAdminMixin, LeafletGeoAdmin):
    list_display = ["name", "address", "location_precision", "zone", "circoscrizione"]
    list_filter = [NeedsLocationFilter, ServiceStatusFilter, "location_precision", "circoscrizione"]
    search_fields = ["name", "address"]
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


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "category",
        "site",
        "status",
        "status_note",
        "active_period",
        "is_illustrative",
        "capacity",
    ]
    # Planned and needs-verification services are public nowhere else: the filter finds them.
    list_filter = ["status", "category", "is_illustrative"]
    search_fields = ["name", "site__name", "site__address", "status_note", "active_period"]
    list_select_related = ["site", "category"]
    inlines = [OpeningHoursInline]
