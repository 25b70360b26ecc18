from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Log in with the e-mail address (any case) or the user name, and the password."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        login = (email or username or "").strip()
        if not login or password is None:
            return None
        users = get_user_model()._default_manager
        user = (
            users.filter(username__iexact=login).first()
            or users.filter(email__iexact=login).order_by("pk").first()
        )
        if user is None:
            # The same work as a real check, so that timing does not tell which e-mails exist.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
