"""Accounts in the admin: each with its roles, its organisations and whether it is illustrative."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from geoplan.registry.admin import OrganisationFilter, illustrative_marker

from .models import Membership, Profile
from .roles import Role

User = get_user_model()


class ProfileInline(admin.StackedInline):
    model = Profile
    fields = ["is_illustrative"]
    can_delete = False
    max_num = 1
    verbose_name_plural = _("account profile")


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["organization", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["organization"]
    extra = 0


class RoleFilter(admin.SimpleListFilter):
    title = _("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [*Role.choices, ("admin", _("administrator"))]

    def queryset(self, request, queryset):
        if self.value() == "admin":
            return queryset.filter(is_superuser=True)
        if self.value() in Role.values:
            return queryset.filter(groups__name=self.value())
        return queryset


class IllustrativeAccountFilter(admin.SimpleListFilter):
    title = _("illustrative")
    parameter_name = "illustrative"

    def lookups(self, request, model_admin):
        return [("yes", _("illustrative only")), ("no", _("real only"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(profile__is_illustrative=True)
        if self.value() == "no":
            return queryset.exclude(profile__is_illustrative=True)
        return queryset


if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    inlines = [ProfileInline, MembershipInline]
    list_display = ["email", "roles", "organisations", "illustrative", "is_active", "last_login"]
    list_filter = [RoleFilter, IllustrativeAccountFilter, "is_staff", "is_superuser", "is_active"]
    search_fields = [
        "username",
        "email",
        "first_name",
        "last_name",
        "memberships__organization__name",
    ]
    ordering = ["email"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("profile")
            .prefetch_related("groups", "memberships__organization")
        )

    @admin.display(description=_("roles"))
    def roles(self, user):
        labels = dict(Role.choices)
        names = [str(labels[g.name]) for g in user.groups.all() if g.name in labels]
        if user.is_superuser:
            names.append(str(_("administrator")))
        return ", ".join(names)

    @admin.display(description=_("organisations"))
    def organisations(self, user):
        return ", ".join(str(m.organization) for m in user.memberships.all())

    @admin.display(description=_("illustrative"))
    def illustrative(self, user):
        profile = getattr(user, "profile", None)
        return illustrative_marker(bool(profile and profile.is_illustrative))


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Which partner account belongs to which organisation (moderators may add memberships)."""

    list_display = ["user", "organization", "created_at"]
    list_filter = [("organization", OrganisationFilter)]
    list_select_related = ["user", "organization"]
    search_fields = ["user__email", "organization__name"]
    autocomplete_fields = ["organization"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Only partner accounts act for an organisation.
            partners = Group.objects.filter(name=Role.PARTNER)
            kwargs["queryset"] = User.objects.filter(groups__in=partners).order_by("email")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
