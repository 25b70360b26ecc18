"""Creating accounts with a role, shared by `manage.py add_user` and the invitation page."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from geoplan.registry.models import Organization

from .models import Membership, Profile
from .roles import STAFF_ROLES, Role, ensure_role_groups


def create_account(
    email: str,
    role: str,
    organisation_ids=(),
    *,
    password: str | None = None,
    illustrative: bool = False,
    first_name: str = "",
):
    """Create an account with one role; raise ValidationError with a sentence on bad input.

    Without ``password`` the account has no usable password until its owner follows a one-time
    link (see links.py). A partner needs at least one organisation; staff roles need none.
    """
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(
            _("“%(email)s” is not an e-mail address.") % {"email": email}
        ) from exc
    if role not in Role.values:
        raise ValidationError(
            _("Unknown role “%(role)s”: use one of %(roles)s.")
            % {"role": role, "roles": ", ".join(Role.values)}
        )
    users = get_user_model()
    if (
        users.objects.filter(username__iexact=email).exists()
        or users.objects.filter(email__iexact=email).exists()
    ):
        raise ValidationError(_("An account for %(email)s exists already.") % {"email": email})
    organisation_ids = sorted(set(organisation_ids))
    if role == Role.PARTNER and not organisation_ids:
        raise ValidationError(_("A partner account needs the organisation it belongs to."))
    organisations = list(Organization.objects.filter(pk__in=organisation_ids))
    missing = set(organisation_ids) - {o.pk for o in organisations}
    if missing:
        raise ValidationError(
            _("No organisation has the id %(ids)s.")
            % {"ids": ", ".join(str(i) for i in sorted(missing))}
        )
    if password is not None:
        from django.contrib.auth.password_validation import validate_password

        validate_password(password)
    with transaction.atomic():
        ensure_role_groups()
        user = users.objects.create_user(
            username=email,
            email=email,
            password=password,
            first_name=first_name,
            is_staff=role in STAFF_ROLES,
        )
        if password is None:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        user.groups.add(Group.objects.get(name=role))
        Profile.objects.create(user=user, is_illustrative=illustrative)
        for organisation in organisations:
            Membership.objects.create(user=user, organization=organisation)
    return user
