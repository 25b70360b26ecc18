from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .models import Scenario, ScenarioEdit


class ScenarioEditInline(admin.TabularInline):
    model = ScenarioEdit
    extra = 0
    fields = ["position", "kind", "category", "site", "geom", "capacity", "hours", "name", "note"]
    readonly_fields = fields
    can_delete = False
    show_change_link = False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("planning.view_scenario")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Scenario)
class ScenarioAdmin(admin.ModelAdmin):
    """Scenarios are read here; their owners change them in the workspace or through the API,
    where every edit is checked (a point inside Turin, a site with a published service)."""

    list_display = ["name", "owner", "origin", "is_illustrative", "n_edits", "updated_at"]
    list_filter = ["origin", "is_illustrative"]
    search_fields = ["name", "description", "owner__username"]
    readonly_fields = [
        "name",
        "description",
        "owner",
        "origin",
        "siting",
        "is_illustrative",
        "created_at",
        "updated_at",
    ]
    inlines = [ScenarioEditInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner").annotate(n=Count("edits"))

    @admin.display(description=_("edits"), ordering="n")
    def n_edits(self, obj):
        return obj.n

    def has_module_permission(self, request):
        return request.user.has_perm("planning.view_scenario")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("planning.view_scenario")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # The owner (or an admin) may remove a scenario here too.
        return obj is not None and request.user.has_perm("planning.change_scenario", obj)
