"""The four roles: partner, moderator, planner (Django groups) and admin (superuser).

A partner edits only its organisations' records, through change requests; a moderator (city
staff) reviews them; a planner uses the analysis; an admin can do everything.
"""

from django.contrib.auth.models import Group, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PARTNER = "partner", _("partner organisation")
    MODERATOR = "moderator", _("moderator (city staff)")
    PLANNER = "planner", _("planner (city staff)")


# What each staff role may do in the admin (codename per app label). Partners never use it.
STAFF_PERMISSIONS = {
    Role.MODERATOR: {
        "registry": ["view", "change", "add"],
        "moderation": ["view"],
        "accounts": ["view", "add", "change"],
    },
    Role.PLANNER: {
        "registry": ["view"],
        "access": ["view", "change", "add"],
        "territory": ["view"],
        "jobs": ["view"],
    },
}
STAFF_ROLES = (Role.MODERATOR, Role.PLANNER)


def ensure_role_groups(**kwargs) -> None:
    """Create the role groups and give the staff roles their admin permissions (idempotent)."""
    for role in Role.values:
        group, _created = Group.objects.get_or_create(name=role)
        wanted = STAFF_PERMISSIONS.get(role)
        if not wanted:
            continue
        perms = [
            p
            for p in Permission.objects.filter(content_type__app_label__in=wanted).select_related(
                "content_type"
            )
            if p.codename.split("_", 1)[0] in wanted[p.content_type.app_label]
        ]
        group.permissions.add(*perms)


def _in_group(user, role: str) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_geoplan_roles", None)
    if cached is None:
        cached = user._geoplan_roles = set(user.groups.values_list("name", flat=True))
    return role in cached


def is_moderator(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser) or _in_group(
        user, Role.MODERATOR
    )


def is_planner(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser) or _in_group(
        user, Role.PLANNER
    )


def is_partner(user) -> bool:
    return bool(organisation_ids(user))


def organisation_ids(user) -> frozenset[int]:
    """The organisations whose records this account may propose changes to: its memberships,
    while it has the partner role (a membership left on an account without it grants nothing)."""
    if not _in_group(user, Role.PARTNER):
        return frozenset()
    cached = getattr(user, "_geoplan_orgs", None)
    if cached is None:
        cached = user._geoplan_orgs = frozenset(
            user.memberships.values_list("organization_id", flat=True)
        )
    return cached


def is_illustrative(user) -> bool:
    profile = getattr(user, "profile", None) if user.is_authenticated else None
    return bool(profile and profile.is_illustrative)
