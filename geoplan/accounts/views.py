"""Logging in and out, passwords, the landing page after login, and invitations.

Also the role guard the staff pages share: anonymous visitors are sent to the login page, a
logged-in account without the role gets a 403 page that says why.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .creation import create_account
from .forms import EmailAuthenticationForm, InviteForm, ResetForm, send_bilingual
from .links import set_password_link
from .roles import Role, is_moderator, is_partner, is_planner


def forbidden(request, message):
    return render(request, "accounts/forbidden.html", {"message": message}, status=403)


def role_required(test, message):
    """Let through accounts for which ``test(user)`` holds; ``message`` tells the others why not."""

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not test(request.user):
                return forbidden(request, message)
            return view(request, *args, **kwargs)

        return guarded

    return decorator


moderator_required = role_required(
    is_moderator, gettext_lazy("This page is for the city's moderators.")
)
staff_required = role_required(
    lambda user: is_moderator(user) or is_planner(user),
    gettext_lazy("This page is for the city's staff (moderators and planners)."),
)


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


# Not Django's default template names: the admin's templates of those names would come first.
class PasswordResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "registration/reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


def _partner_home() -> str | None:
    try:
        return reverse("partner:index")
    except NoReverseMatch:  # a deployment without the partner portal's pages
        return None


@login_required
def home(request):
    """Where an account lands after logging in: its role's own pages."""
    user = request.user
    if is_partner(user) and (url := _partner_home()):
        return redirect(url)
    if is_moderator(user):
        return redirect("moderation:queue")
    return redirect("maps:plan")


def send_invitation(user, invited_by) -> None:
    """E-mail ``user`` the one-time link that sets its password; raises OSError on mail failure."""
    role = user.groups.values_list("name", flat=True).first()
    organisations = list(user.memberships.values_list("organization__name", flat=True))
    send_bilingual(
        "accounts/invitation_subject.txt",
        "accounts/invitation_email.txt",
        {
            "user": user,
            "email": user.email,
            "link": set_password_link(user),
            "login_link": settings.GEOPLAN_BASE_URL + reverse("accounts:login"),
            "days": max(1, round(settings.PASSWORD_RESET_TIMEOUT / 86400)),
            "role": Role(role).label if role in Role.values else "",
            "organisations": organisations,
            "invited_by": invited_by.get_full_name() or invited_by.email,
        },
        user.email,
    )


@role_required(is_moderator, gettext_lazy("Only the city's moderators can invite accounts."))
def invite(request):
    form = InviteForm(request.POST if request.method == "POST" else None, inviter=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            # The account exists only if its invitation went out: a failed e-mail undoes it.
            with transaction.atomic():
                user = create_account(
                    data["email"],
                    data["role"],
                    [o.pk for o in data["organisations"]],
                    illustrative=data["illustrative"],
                    first_name=data["first_name"],
                )
                send_invitation(user, request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        except OSError:
            form.add_error(
                None,
                _(
                    "The invitation could not be e-mailed (the mail server did not answer), so "
                    "no account was created. Try again later."
                ),
            )
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % {"email": user.email})
            return redirect("accounts:invite")
    return render(request, "accounts/invite.html", {"form": form})
