import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from geoplan.accounts.creation import create_account
from geoplan.accounts.links import set_password_link
from geoplan.accounts.roles import Role


class Command(BaseCommand):
    help = (
        "Create an account with a role and print a one-time link to set its password "
        "(or set GEOPLAN_NEW_USER_PASSWORD to give the password, for scripted set-ups)."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument(
            "--organisation",
            "--organization",
            dest="organisations",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help="Organisation id the partner belongs to (repeat for several).",
        )
        parser.add_argument("--name", default="", help="First name shown in pages and e-mails.")
        parser.add_argument(
            "--illustrative",
            action="store_true",
            help="A demo account, labelled as such wherever it appears.",
        )

    def handle(self, *args, email, role, organisations, name, illustrative, **options):
        password = os.environ.get("GEOPLAN_NEW_USER_PASSWORD") or None
        try:
            user = create_account(
                email,
                role,
                organisations,
                password=password,
                illustrative=illustrative,
                first_name=name,
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(f"Created {role} account {user.email} (id {user.pk}).")
        if password:
            self.stdout.write("Its password is the one in GEOPLAN_NEW_USER_PASSWORD.")
        else:
            self.stdout.write(
                "Send this one-time link to its owner to choose a password:\n"
                + set_password_link(user)
            )
