"""Serializers of the partner and moderation API: tokens, a partner's sites as GeoJSON, the
GeoJSON Feature a partner sends to propose a site or a change, and change requests.

A proposal's values are checked once, by geoplan.moderation.proposal (the same rules for the
portal, the API and file uploads): the serializers here check only the shape of what is sent
(a GeoJSON Feature with a Point) and turn it into a proposal.
"""

from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from geoplan.accounts.roles import Role, organisation_ids
from geoplan.moderation.models import ChangeRequest
from geoplan.registry.models import Closure, OpeningHours, Service, Site

# ---------------------------------------------------------------------------------------------
# Errors: {"errors": {path: [sentences]}, "detail": "the first sentence"}
# ---------------------------------------------------------------------------------------------
NON_FIELD = "non_field_errors"


def flatten_errors(errors, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested error structure as {"dotted.path": [sentences]}."""
    flat: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            path = prefix if key in (NON_FIELD, "") else (f"{prefix}.{key}" if prefix else key)
            for sub, messages in flatten_errors(value, path).items():
                flat.setdefault(sub, []).extend(messages)
    elif isinstance(errors, list) and errors and all(isinstance(e, str) for e in errors):
        flat[prefix or NON_FIELD] = [str(e) for e in errors]
    elif isinstance(errors, list):
        for i, value in enumerate(errors):
            if value:
                flat.update(flatten_errors(value, f"{prefix}.{i}" if prefix else str(i)))
    else:
        flat[prefix or NON_FIELD] = [str(errors)]
    return flat


def error_response(errors: dict[str, list[str]], status: int = 400) -> Response:
    """The API's answer to a request it refuses for what it contains."""
    first = next((m for messages in errors.values() for m in messages), _("Invalid request."))
    return Response({"errors": errors, "detail": first}, status=status)


class ErrorSerializer(serializers.Serializer):
    """A refused request: every problem by where it is, and the first one as a sentence."""

    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text=gettext_lazy(
            "Sentences by the path of the value they are about, e.g. "
            "“properties.services.0.hours.0.opens_at” or “geometry”."
        ),
    )
    detail = serializers.CharField(help_text=gettext_lazy("The first problem, as a sentence."))


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


# ---------------------------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------------------------
class TokenRequestSerializer(serializers.Serializer):
    """The e-mail address and password of a geoplan account."""

    email = serializers.CharField(max_length=254, help_text=gettext_lazy("The account's e-mail."))
    password = serializers.CharField(
        max_length=4096, trim_whitespace=False, style={"input_type": "password"}
    )


def account_roles(user) -> list[str]:
    roles = [name for name in user.groups.values_list("name", flat=True) if name in Role.values]
    if user.is_superuser:
        roles.append("admin")
    return sorted(roles)


class AccountSerializer(serializers.Serializer):
    email = serializers.EmailField()
    roles = serializers.ListField(
        child=serializers.CharField(),
        help_text=gettext_lazy("partner, moderator, planner and/or admin."),
    )
    organizations = serializers.ListField(
        child=serializers.IntegerField(),
        help_text=gettext_lazy("Ids of the organisations whose records the account may change."),
    )

    def to_representation(self, user):
        return {
            "email": user.email,
            "roles": account_roles(user),
            "organizations": sorted(organisation_ids(user)),
        }


class TokenSerializer(serializers.Serializer):
    """A token to send as ``Authorization: Token <token>``, and whose it is."""

    token = serializers.CharField(source="key")
    user = AccountSerializer()


# ---------------------------------------------------------------------------------------------
# A partner's sites, as GeoJSON
# ---------------------------------------------------------------------------------------------
class HoursRowSerializer(serializers.ModelSerializer):
    """A weekly opening interval; the same shape a proposal's ``hours`` takes."""

    opens_at = serializers.TimeField(format="%H:%M")
    closes_at = serializers.TimeField(format="%H:%M")

    class Meta:
        model = OpeningHours
        fields = ["weekday", "opens_at", "closes_at", "valid_from", "valid_to"]


class ClosureRowSerializer(serializers.ModelSerializer):
    """Days closed although the weekly hours say open; the shape of a proposal's ``closures``."""

    class Meta:
        model = Closure
        fields = ["starts_on", "ends_on", "note"]


@extend_schema_field({"anyOf": [{"type": "string", "format": "email"}, {"enum": [""]}]})
class OptionalEmailField(serializers.CharField):
    """An e-mail address, or empty when none is known."""


@extend_schema_field({"anyOf": [{"type": "string", "format": "uri"}, {"enum": [""]}]})
class OptionalURLField(serializers.CharField):
    """A web address, or empty when none is known."""


class PartnerServiceSerializer(serializers.ModelSerializer):
    """A service at one of the partner's sites, whatever its status.

    Sent back in a PATCH (with its ``id``) it proposes the values that differ; the read-only
    keys (``category_name``, ``status_label``, ``opening_hours``, ``last_verified``) are ignored.
    """

    category = serializers.SlugRelatedField(slug_field="code", read_only=True)
    category_name = serializers.SerializerMethodField()
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    hours = HoursRowSerializer(source="schedules", many=True, read_only=True)
    closures = ClosureRowSerializer(many=True, read_only=True)
    email = OptionalEmailField(read_only=True)
    website = OptionalURLField(read_only=True)

    class Meta:
        model = Service
        fields = [
            "id",
            "category",
            "category_name",
            "name",
            "description",
            "status",
            "status_label",
            "capacity",
            "capacity_unit",
            "target_groups",
            "target_groups_note",
            "languages",
            "step_free_access",
            "eligibility",
            "phone",
            "email",
            "website",
            "hours",
            "closures",
            "closed_on_public_holidays",
            "opening_hours",
            "last_verified",
        ]
        read_only_fields = fields

    def get_category_name(self, service) -> str:
        return service.category.name(get_language() or "it")


class PartnerSiteSerializer(GeoFeatureModelSerializer):
    """One of the partner's organisations' sites as a GeoJSON Feature, with every service and
    the number of change requests waiting for review."""

    organization_name = serializers.CharField(
        source="organization.name", read_only=True, default=None
    )
    zone = serializers.CharField(source="zone.code", read_only=True, default=None)
    circoscrizione = serializers.IntegerField(
        source="circoscrizione.number", read_only=True, default=None
    )
    services = PartnerServiceSerializer(many=True, read_only=True)
    pending_changes = serializers.IntegerField(
        read_only=True,
        default=0,
        help_text=gettext_lazy("Change requests for this site waiting for a moderator."),
    )

    class Meta:
        model = Site
        geo_field = "geom"
        fields = [
            "id",
            "name",
            "address",
            "organization",
            "organization_name",
            "location_precision",
            "zone",
            "circoscrizione",
            "services",
            "pending_changes",
        ]
        read_only_fields = fields


# Keys of a site's Feature that are read only: sent back in a PATCH they are ignored.
READ_ONLY_SITE_KEYS = frozenset(
    {"id", "organization_name", "location_precision", "zone", "circoscrizione", "pending_changes"}
)
READ_ONLY_SERVICE_KEYS = frozenset(
    {"category_name", "status_label", "opening_hours", "last_verified"}
)


# ---------------------------------------------------------------------------------------------
# What a partner sends: a GeoJSON Feature -> a proposal (geoplan.moderation.proposal)
# ---------------------------------------------------------------------------------------------
@extend_schema_field(
    {
        "type": "object",
        "required": ["type", "coordinates"],
        "properties": {
            "type": {"type": "string", "enum": ["Point"]},
            "coordinates": {
                "type": "array",
                "items": {"type": "number"},
                "minItems": 2,
                "maxItems": 3,
                "example": [7.6745, 45.0495],
            },
        },
        "nullable": True,
    }
)
class PointField(serializers.Field):
    """A GeoJSON Point, ``{"type": "Point", "coordinates": [lon, lat]}`` in WGS 84."""

    default_error_messages = {
        "invalid": gettext_lazy(
            'The geometry is a GeoJSON Point: {"type": "Point", "coordinates": [lon, lat]}.'
        ),
        "type": gettext_lazy("A site is a Point, not a %(type)s."),
        "range": gettext_lazy("Longitude and latitude are out of range."),
    }

    def to_internal_value(self, data):
        if not isinstance(data, dict) or "coordinates" not in data:
            self.fail("invalid")
        if data.get("type") != "Point":
            raise serializers.ValidationError(
                self.error_messages["type"] % {"type": data.get("type")}
            )
        coordinates = data["coordinates"]
        if (
            not isinstance(coordinates, list | tuple)
            or len(coordinates) not in (2, 3)
            or any(isinstance(c, bool) or not isinstance(c, int | float) for c in coordinates)
        ):
            self.fail("invalid")
        lon, lat = float(coordinates[0]), float(coordinates[1])
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            self.fail("range")
        return {"lon": lon, "lat": lat}

    def to_representation(self, value):
        return {"type": "Point", "coordinates": [value["lon"], value["lat"]]}


# The paths of a proposal's errors, as paths of the Feature the partner sent.
def feature_path(proposal_path: str) -> str:
    if proposal_path == "":
        return NON_FIELD
    if proposal_path == "site.location":
        return "geometry"
    if proposal_path == "site":
        return "properties"
    if proposal_path.startswith("site."):
        return "properties." + proposal_path.removeprefix("site.")
    return "properties." + proposal_path


def feature_errors(errors: dict[str, list[str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for path, messages in errors.items():
        out.setdefault(feature_path(path), []).extend(messages)
    return out


class SiteFeatureSerializer(serializers.Serializer):
    """A site and its services as a GeoJSON Feature, proposed for review.

    ``properties``: ``name``, ``address``, ``organization`` (the id of one of your
    organisations; optional when you belong to one only) and ``services``, a list of services::

        {"category": "food_distribution", "name": "...", "status": "published",
         "capacity": 40, "capacity_unit": "meals", "target_groups": ["homeless"],
         "target_groups_note": "", "languages": ["it", "fr"], "step_free_access": true,
         "eligibility": "", "description": "", "phone": "", "email": "", "website": "",
         "closed_on_public_holidays": true,
         "hours": [{"weekday": 1, "opens_at": "09:00", "closes_at": "13:00",
                    "valid_from": null, "valid_to": null}],
         "closures": [{"starts_on": "2026-12-24", "ends_on": "2026-12-26", "note": ""}]}

    To change a site (PATCH) send only what changes: a service by its ``id`` with the keys that
    change, a new service without ``id``; the geometry only if the site moves.
    """

    type = serializers.ChoiceField(choices=["Feature"])
    geometry = PointField(required=False, allow_null=True)
    properties = serializers.DictField(required=False, default=dict)

    def __init__(self, *args, creating: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.creating = creating
        if creating:
            self.fields["geometry"].required = True
            self.fields["properties"].required = True
        else:
            # A partial Feature: "type" may be left out, but if given it says "Feature".
            self.fields["type"].required = False

    def validate(self, attrs):
        if self.creating and attrs.get("geometry") is None:
            raise serializers.ValidationError(
                {"geometry": [_("Place the site on the map: a site needs a location.")]}
            )
        if not self.creating and "geometry" not in attrs and not attrs.get("properties"):
            raise serializers.ValidationError(
                _("Send the properties and/or the geometry that change.")
            )
        return attrs

    def proposal(self) -> dict:
        """The proposal (geoplan.moderation.proposal's shape) for the validated Feature."""
        data = self.validated_data
        properties = dict(data.get("properties") or {})
        raw_services = properties.pop("services", None)
        site = {k: v for k, v in properties.items() if k not in READ_ONLY_SITE_KEYS}
        if "geometry" in data:
            site["location"] = data["geometry"]
        raw: dict = {}
        if site or self.creating:
            raw["site"] = site
        if raw_services is not None:
            raw["services"] = (
                [
                    {k: v for k, v in s.items() if k not in READ_ONLY_SERVICE_KEYS}
                    if isinstance(s, dict)
                    else s
                    for s in raw_services
                ]
                if isinstance(raw_services, list)
                else raw_services
            )
        return raw


class ChangeAcceptedSerializer(serializers.Serializer):
    """A proposal filed for review (202)."""

    id = serializers.IntegerField()
    status = serializers.CharField()
    summary = serializers.CharField()
    warnings = serializers.ListField(child=serializers.DictField())
    url = serializers.URLField()


# ---------------------------------------------------------------------------------------------
# Change requests
# ---------------------------------------------------------------------------------------------
class ChangeRequestSerializer(serializers.ModelSerializer):
    """A change request as its organisation's members see it: what was proposed, and what was
    decided (with the moderator's reason when it was rejected)."""

    status_label = serializers.CharField(source="get_status_display", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "status",
            "status_label",
            "summary",
            "organization",
            "site",
            "creates_site",
            "source",
            "created_at",
            "submitted_at",
            "decided_at",
            "reason",
            "payload",
            "warnings",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, change) -> str:
        path = reverse("api:partner-change", args=[change.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ConflictSerializer(serializers.Serializer):
    """A field someone else changed since the request was filed."""

    path = serializers.CharField(help_text=gettext_lazy('e.g. "site.name", "services.12.hours"'))
    filed = serializers.JSONField(help_text=gettext_lazy("The value when it was filed."))
    now = serializers.JSONField(help_text=gettext_lazy("The value now."))
    proposed = serializers.JSONField()


class OrganisationRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class ModerationChangeSerializer(ChangeRequestSerializer):
    """A change request as a moderator reviews it: the proposed values, the values they replace
    as they were when it was filed (``base``), location warnings, and the conflicts found now
    (fields someone else changed since; only for a pending request)."""

    organization = OrganisationRefSerializer(read_only=True)
    submitted_by = serializers.EmailField(source="submitted_by.email", read_only=True)
    decided_by = serializers.EmailField(
        source="decided_by.email", read_only=True, default=None, allow_null=True
    )
    conflicts = serializers.SerializerMethodField()
    warnings = serializers.SerializerMethodField()

    class Meta(ChangeRequestSerializer.Meta):
        fields = [
            *ChangeRequestSerializer.Meta.fields,
            "revision",
            "base",
            "conflicts",
            "overrode_conflicts",
            "submitted_by",
            "decided_by",
        ]
        read_only_fields = fields

    def get_url(self, change) -> str:
        path = reverse("api:moderation-change", args=[change.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_warnings(self, change) -> list[dict]:
        """Computed now for a pending request, naming any site (the partner was shown only
        the sites it may know of)."""
        from geoplan.moderation.workflow import review_warnings

        return review_warnings(change)

    def get_conflicts(self, change) -> list[dict]:
        from geoplan.moderation.workflow import conflicts

        if change.status != ChangeRequest.Status.PENDING:
            return []
        return ConflictSerializer(conflicts(change), many=True).data


class ApproveSerializer(serializers.Serializer):
    revision = serializers.IntegerField(
        required=False,
        min_value=1,
        help_text=gettext_lazy(
            "The request's revision you reviewed (from GET): if the partner has changed the "
            "request since, the approval is refused (409) so that nothing is applied unseen."
        ),
    )
    override_conflicts = serializers.BooleanField(
        default=False,
        help_text=gettext_lazy(
            "Approve over fields someone else changed since the request was filed, having "
            "seen them (not possible for a new site or a deleted record)."
        ),
    )


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=4000,
        help_text=gettext_lazy("Why the request is rejected: the partner will read it."),
        error_messages={
            "required": gettext_lazy("Say why the request is rejected: the partner will read it."),
            "blank": gettext_lazy("Say why the request is rejected: the partner will read it."),
        },
    )


class DecisionSerializer(serializers.Serializer):
    """The decision taken."""

    id = serializers.IntegerField()
    status = serializers.CharField()
    site = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField(required=False)


class ConflictResponseSerializer(serializers.Serializer):
    detail = serializers.CharField()
    conflicts = ConflictSerializer(many=True)
