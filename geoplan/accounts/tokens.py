"""API tokens end with the password: a reset (say, after a leak) also shuts out every script
that logged in with the old one."""


def revoke_tokens_on_new_password(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "password" not in update_fields:
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("password", flat=True).first()
    if old is not None and old != instance.password:
        from rest_framework.authtoken.models import Token

        Token.objects.filter(user_id=instance.pk).delete()
