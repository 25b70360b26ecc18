"""Who may use the planners' workspace: the planner role (and admins). The public and partners
may read the analysis API, never scenarios, siting or the workspace's exports."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from geoplan.accounts import roles


class IsPlanner(permissions.BasePermission):
    message = _("Only planners (city staff with the planner role) may do this.")

    def has_permission(self, request, view):
        return roles.is_planner(request.user)


def planner_required(view):
    """A page for planners: the login page for anyone logged out, 403 for other accounts."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not roles.is_planner(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
