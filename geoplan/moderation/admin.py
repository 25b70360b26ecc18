"""Change requests in the admin: to read and find, never to decide.

Approving or rejecting goes through /moderation/, where the workflow checks conflicts, applies
the change in one transaction, records it in the registry's history and tells the partner.
"""

from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from geoplan.registry.admin import OrganisationFilter, illustrative_marker

from .models import ChangeRequest, ProblemReport


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    list_display = [
        "pk",
        "summary",
        "organization",
        "illustrative",
        "status",
        "source",
        "submitted_by",
        "submitted_at",
        "decided_by",
        "decided_at",
        "review",
    ]
    list_display_links = ["pk", "summary"]
    list_filter = ["status", ("organization", OrganisationFilter), "source", "creates_site"]
    list_select_related = ["organization", "submitted_by", "decided_by", "site"]
    search_fields = ["summary_filed", "organization__name", "site__name", "submitted_by__email"]
    date_hierarchy = "created_at"

    @admin.display(description=_("illustrative"))
    def illustrative(self, obj):
        return illustrative_marker(obj.organization.is_illustrative)

    @admin.display(description=_("moderation"))
    def review(self, obj):
        try:
            url = reverse("moderation:change", args=[obj.pk])
        except NoReverseMatch:
            return ""
        label = gettext("review") if obj.is_open else gettext("details")
        return format_html('<a href="{}">{}</a>', url, label)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "subtitle": _(
                "Read only: requests are approved or rejected on the moderation page "
                "(/moderation/), where the workflow's checks apply."
            ),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProblemReport)
class ProblemReportAdmin(admin.ModelAdmin):
    """Reports from the public, to read and find; they are closed on /moderation/reports/,
    which records who closed them and when."""

    list_display = ["pk", "kind", "site", "service", "status", "created_at", "handled_by"]
    list_display_links = ["pk", "kind"]
    list_filter = ["status", "kind", "language"]
    list_select_related = ["site", "service", "handled_by"]
    search_fields = ["site__name", "service__name", "message"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "site",
        "service",
        "kind",
        "message",
        "contact",
        "language",
        "created_at",
        "status",
        "handled_by",
        "handled_at",
        "moderator_note",
    ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "subtitle": _(
                "Read only: reports are closed on the moderation page (/moderation/reports/)."
            ),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
