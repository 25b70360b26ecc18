"""Three illustrative accounts for trying the demo: a moderator, a planner and a partner of one
real organisation (Agenzia Piemonte Lavoro, named by the site sources: `manage.py
load_organisations`).

Only while DEBUG is on. Running it again keeps the accounts and gives them new passwords; the
password is random, or GEOPLAN_DEMO_PASSWORD when set.
"""

import os
import secrets
import textwrap

from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from geoplan.accounts.creation import create_account
from geoplan.accounts.models import Membership, Profile
from geoplan.accounts.roles import STAFF_ROLES, Role, ensure_role_groups
from geoplan.registry.models import Organization

MODERATOR_EMAIL = "demo-moderator@example.org"
PLANNER_EMAIL = "demo-planner@example.org"
PARTNER_EMAIL = "demo-partner@example.org"
PARTNER_ORGANISATION = "Agenzia Piemonte Lavoro"
WIDTH = 78


def _login_url() -> str:
    try:
        path = reverse("accounts:login")
    except NoReverseMatch:
        path = "/accounts/login/"
    return settings.GEOPLAN_BASE_URL + path


def _ensure_account(email: str, role: str, organisation: Organization | None, password: str):
    """Create the account, or bring an existing one back to its demo state with this password."""
    users = get_user_model()
    user = (
        users.objects.filter(Q(username__iexact=email) | Q(email__iexact=email))
        .order_by("pk")
        .first()
    )
    if user is None:
        organisations = [organisation.pk] if organisation else []
        return create_account(email, role, organisations, password=password, illustrative=True)
    with transaction.atomic():
        ensure_role_groups()
        user.set_password(password)
        user.is_active = True
        user.is_staff = role in STAFF_ROLES
        user.save()
        user.groups.add(Group.objects.get(name=role))
        Profile.objects.update_or_create(user=user, defaults={"is_illustrative": True})
        if organisation is not None:
            Membership.objects.get_or_create(user=user, organization=organisation)
    _unlock(email)
    return user


def _unlock(email: str) -> None:
    """Forget failed logins of a demo account, so that the password printed works at once."""
    reset(username=email)


class Command(BaseCommand):
    help = (
        "Create (or reset) an illustrative moderator, an illustrative planner and an illustrative "
        "partner of Agenzia Piemonte Lavoro, and print how to log in. Refused unless DEBUG is on."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "Demo accounts are refused without DEBUG: they have known passwords and "
                    "exist only to try geoplan on a development machine."
                )
            )
        organisation = Organization.objects.filter(name=PARTNER_ORGANISATION).first()
        if organisation is None:
            raise CommandError(
                _(
                    "The organisation “%(name)s” is not in the registry: run "
                    "`manage.py load_organisations` first (`make data` does)."
                )
                % {"name": PARTNER_ORGANISATION}
            )
        given = os.environ.get("GEOPLAN_DEMO_PASSWORD") or ""
        passwords = {}
        try:
            for email, role, org in (
                (MODERATOR_EMAIL, Role.MODERATOR, None),
                (PLANNER_EMAIL, Role.PLANNER, None),
                (PARTNER_EMAIL, Role.PARTNER, organisation),
            ):
                passwords[email] = given or secrets.token_urlsafe(9)
                _ensure_account(email, role, org, passwords[email])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc

        base = settings.GEOPLAN_BASE_URL
        moderator_can = _(
            "Reviews the partners' change requests at %(moderation)s (approves them, or rejects "
            "them with a reason) and edits the registry in the admin, %(admin)s."
        ) % {"moderation": base + "/moderation/", "admin": base + "/admin/"}
        planner_can = _(
            "Uses the planners' workspace at %(plan)s: the ranked gap table, need weights, "
            "scenarios, optimal siting and exports."
        ) % {"plan": base + "/plan/"}
        partner_can = _(
            "Proposes changes to the sites and services of %(organisation)s at %(partner)s; "
            "nothing changes on the map until a moderator approves them."
        ) % {"organisation": organisation.name, "partner": base + "/partner/"}
        block = [
            "=" * WIDTH,
            _("Demo accounts (illustrative, not real people)"),
            _("Log in at %(url)s") % {"url": _login_url()},
            "",
            _("Moderator (city staff)"),
            _("  e-mail:   %(email)s") % {"email": MODERATOR_EMAIL},
            _("  password: %(password)s") % {"password": passwords[MODERATOR_EMAIL]},
            _wrap(moderator_can),
            "",
            _("Planner (city staff)"),
            _("  e-mail:   %(email)s") % {"email": PLANNER_EMAIL},
            _("  password: %(password)s") % {"password": passwords[PLANNER_EMAIL]},
            _wrap(planner_can),
            "",
            _("Partner of %(organisation)s") % {"organisation": organisation.name},
            _("  e-mail:   %(email)s") % {"email": PARTNER_EMAIL},
            _("  password: %(password)s") % {"password": passwords[PARTNER_EMAIL]},
            _wrap(partner_can),
            "",
            _("Password from GEOPLAN_DEMO_PASSWORD.")
            if given
            else _("New passwords at every run; set GEOPLAN_DEMO_PASSWORD to choose one."),
            "=" * WIDTH,
        ]
        self.stdout.write("\n".join(block))


def _wrap(text: str) -> str:
    return textwrap.fill(text, width=WIDTH, initial_indent="  ", subsequent_indent="  ")
