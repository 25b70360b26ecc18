from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AccessRun, KpiSnapshot, NeedProfile, NeedWeight


@admin.register(AccessRun)
class AccessRunAdmin(admin.ModelAdmin):
    """Runs are records of what was computed: they are read, never edited."""

    list_display = ["pk", "profile", "status", "started_at", "finished_at", "network_hash"]
    list_filter = ["status", "profile"]
    readonly_fields = [f.name for f in AccessRun._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class NeedWeightInline(admin.TabularInline):
    model = NeedWeight
    extra = 1
    autocomplete_fields = ["indicator"]


@admin.register(NeedProfile)
class NeedProfileAdmin(admin.ModelAdmin):
    """Which indicators, with which weights, make a category's need index. A change counts from
    the next accessibility run (`manage.py compute_access`)."""

    list_display = ["category", "indicators"]
    inlines = [NeedWeightInline]

    @admin.display(description=_("indicators and weights"))
    def indicators(self, obj):
        return ", ".join(str(w) for w in obj.weights.select_related("indicator"))


@admin.register(KpiSnapshot)
class KpiSnapshotAdmin(admin.ModelAdmin):
    """Stored with each completed run: a record of the plan's progress, never edited."""

    list_display = [
        "taken_at",
        "profile",
        "category",
        "share_within_15",
        "need_weighted_unserved",
        "mean_min",
        "gini_nearest_min",
    ]
    list_filter = ["profile", "category"]
    readonly_fields = [f.name for f in KpiSnapshot._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
