from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from leaflet.admin import LeafletGeoAdmin, LeafletGeoAdminMixin

from .models import OpeningHours, Organization, Service, ServiceCategory, Site


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


class ServiceInline(LeafletGeoAdminMixin, admin.StackedInline):
    model = Service
    extra = 0
    fields = ["name", "category", "status", "is_illustrative", "capacity", "capacity_unit"]
    show_change_link = True


@admin.register(Site)
class SiteAdmin(LeafletGeoAdmin):
    list_display = ["name", "address", "location_precision", "zone", "circoscrizione"]
    list_filter = [NeedsLocationFilter, "location_precision", "circoscrizione"]
    search_fields = ["name", "address"]
    readonly_fields = ["zone", "circoscrizione"]
    inlines = [ServiceInline]
    # The map widget draws Turin's boundary so that an editor sees where a pin may go.
    change_form_template = "admin/registry/site/change_form.html"


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "category", "site", "status", "is_illustrative", "capacity"]
    list_filter = ["status", "category", "is_illustrative"]
    search_fields = ["name", "site__name", "site__address"]
    list_select_related = ["site", "category"]
    inlines = [OpeningHoursInline]
