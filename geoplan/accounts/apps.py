from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "geoplan.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from .roles import ensure_role_groups

        # Permissions exist only once every app has migrated: the role groups get theirs then.
        post_migrate.connect(ensure_role_groups, dispatch_uid="geoplan-role-groups")
