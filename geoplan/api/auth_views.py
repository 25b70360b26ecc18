"""API tokens: a script trades an account's e-mail and password for a token (``POST
/api/auth/token/``) and sends it as ``Authorization: Token <token>``; ``DELETE`` revokes it.

Logins through the API count towards django-axes' lock-out exactly like the login page: after
AXES_FAILURE_LIMIT wrong passwords for one account from one address, that pair is refused for
the cool-off time, even with the right password.
"""

import math

from axes.helpers import get_cool_off
from django.contrib.auth import authenticate, user_logged_in
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, status
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from .partner_serializers import (
    TokenRequestSerializer,
    TokenSerializer,
    error_response,
    flatten_errors,
)
from .schema import NOT_AUTHENTICATED, THROTTLED
from .throttling import SharedAnonRateThrottle


class LoginRefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )


class TokenRateThrottle(SharedAnonRateThrottle):
    """Token requests per client address, counted apart from the map's anonymous limit (a
    script logging in is never refused because the map was busy, nor the other way round).
    The rate is REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["auth_token"] when set."""

    scope = "auth_token"
    default_rate = "30/min"

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or self.default_rate


def _locked_out_response(request) -> Response:
    cool_off = get_cool_off(request)
    headers = {}
    if cool_off:
        minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
        detail = ngettext(
            "Too many wrong passwords for this account from your address: try again in "
            "%(n)d minute.",
            "Too many wrong passwords for this account from your address: try again in "
            "%(n)d minutes.",
            minutes,
        ) % {"n": minutes}
        headers["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    else:
        detail = _(
            "Too many wrong passwords for this account from your address: ask the city's "
            "administrators to unlock it."
        )
    # The lock-out is answered here, in JSON; without this, django-axes' middleware would
    # replace the answer with its HTML lock-out page.
    request.axes_locked_out = False
    return Response({"detail": detail}, status=status.HTTP_429_TOO_MANY_REQUESTS, headers=headers)


@extend_schema_view(
    post=extend_schema(
        request=TokenRequestSerializer,
        responses={
            200: TokenSerializer,
            400: OpenApiResponse(
                LoginRefusedSerializer,
                description=gettext_lazy(
                    "Wrong e-mail or password (detail only), or a malformed body (errors by "
                    "field too)."
                ),
            ),
            429: THROTTLED,
        },
    ),
    delete=extend_schema(
        request=None,
        responses={
            204: OpenApiResponse(description=gettext_lazy("The token is revoked.")),
            401: NOT_AUTHENTICATED,
        },
    ),
)
class AuthToken(APIView):
    """Get an API token for an account (POST), or revoke the token sent (DELETE).

    POST ``{"email": ..., "password": ...}`` answers ``{"token": ..., "user": {"email",
    "roles", "organizations"}}``; the same token is returned until it is revoked. Wrong
    credentials answer 400; an account locked out after too many wrong passwords answers 429.
    """

    # Only the token: a logged-in browser session neither needs nor gets a token here.
    authentication_classes = [TokenAuthentication]
    permission_classes = [permissions.AllowAny]
    throttle_classes = [TokenRateThrottle]
    serializer_class = TokenRequestSerializer

    def get_permissions(self):
        if self.request.method == "DELETE":
            return [permissions.IsAuthenticated()]
        return super().get_permissions()

    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        if not serializer.is_valid():
            return error_response(flatten_errors(serializer.errors))
        email = serializer.validated_data["email"].strip().lower()
        django_request = request._request
        # With the Django request, so that django-axes counts a failure and refuses an account
        # that is locked out.
        user = authenticate(
            request=django_request,
            username=email,
            password=serializer.validated_data["password"],
        )
        if getattr(django_request, "axes_locked_out", False):
            return _locked_out_response(django_request)
        if user is None:
            return Response(
                {"detail": _("E-mail or password is wrong.")}, status=status.HTTP_400_BAD_REQUEST
            )
        # A login like the page's: the last login is recorded and axes forgets past failures.
        user_logged_in.send(sender=user.__class__, request=django_request, user=user)
        token, _created = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer(token).data)

    def delete(self, request):
        """Revoke the token this request is authenticated with."""
        if isinstance(request.auth, Token):
            request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
