from django.contrib import admin

from .models import AccessRun


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
