from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "geoplan.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from .roles import ensure_role_groups
        from .tokens import revoke_tokens_on_new_password

        # Permissions exist only once every app has migrated: the role groups get theirs then.
        post_migrate.connect(ensure_role_groups, dispatch_uid="geoplan-role-groups")
        pre_save.connect(
            revoke_tokens_on_new_password,
            sender=get_user_model(),
            dispatch_uid="geoplan-revoke-tokens",
        )
