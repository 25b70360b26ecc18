"""The OpenAPI document (drf-spectacular): its hooks, and the answers many operations share."""

from django.db import DatabaseError
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from geoplan.registry.models import ServiceCategory

from .pagination import ListPagination
from .partner_serializers import DetailSerializer, ErrorSerializer


def drop_unslashed_twins(endpoints):
    """Some endpoints answer with and without a trailing slash (a POST cannot follow a
    redirect): the document lists each once, with the slash."""
    paths = {path for path, *_rest in endpoints}
    return [
        endpoint
        for endpoint in endpoints
        if endpoint[0].endswith("/") or f"{endpoint[0]}/" not in paths
    ]


def category_code_schema() -> dict:
    """Category codes are rows of the registry (moderators may add one in the admin): the
    document lists those of the database it is made from."""
    schema = {
        "type": "string",
        "description": str(_("A service category's code, as listed by /api/categories/.")),
    }
    try:
        codes = list(
            ServiceCategory.objects.order_by("order", "code").values_list("code", flat=True)
        )
    except DatabaseError:  # a document made before `migrate`
        codes = []
    if codes:
        schema["enum"] = codes
    else:
        schema["pattern"] = r"^[-a-zA-Z0-9_]+$"
    return schema


PARAMETER_ERRORS_SCHEMA = {
    "type": "object",
    "description": str(
        _(
            "A refused query: each refused parameter, by name, with why (a sentence; on "
            "/api/sites/ `status` gives a list of sentences)."
        )
    ),
    "minProperties": 1,
    "additionalProperties": {
        "oneOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}, "minItems": 1},
        ]
    },
    "example": {"bbox": "bbox is inverted or empty: ..."},
}


def add_shared_components(result, generator, request, public):
    """The schemas the operations refer to by name and that no serializer makes."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["CategoryCode"] = category_code_schema()
    schemas["ParameterErrors"] = PARAMETER_ERRORS_SCHEMA
    return result


class EmptyMeansDefault(OpenApiParameter):
    """An optional query parameter whose empty value (``?profile=``) is the same as leaving it
    out: the document says so (``allowEmptyValue``)."""


class GeoplanAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, documenting the page headers of every paginated list, and
    that an empty filter (``?bbox=``, as an HTML form sends it) filters nothing."""

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if isinstance(self._get_paginator(), ListPagination) and self._is_list_view():
            parameters += PAGE_HEADERS
        return parameters

    def _process_override_parameters(self, direction="request"):
        result = super()._process_override_parameters(direction)
        for parameter in self.get_override_parameters():
            if isinstance(parameter, EmptyMeansDefault) and not parameter.required:
                result[parameter.name, parameter.location]["allowEmptyValue"] = True
        return result

    def _get_filter_parameters(self):
        parameters = super()._get_filter_parameters()
        if not any(issubclass(b, DjangoFilterBackend) for b in self.get_filter_backends()):
            return parameters
        filters = getattr(getattr(self.view, "filterset_class", None), "base_filters", {})
        for parameter in parameters:
            if not parameter.get("required"):
                parameter["allowEmptyValue"] = True
            # A filter whose type is given by hand (extend_schema_field) loses its help text.
            help_text = getattr(filters.get(parameter["name"]), "extra", {}).get("help_text")
            if help_text and not parameter.get("description"):
                parameter["description"] = str(help_text)
        return parameters


PAGE_HEADERS = [
    OpenApiParameter(
        "X-Total-Count",
        OpenApiTypes.INT,
        OpenApiParameter.HEADER,
        required=True,
        response=[200],
        description=_("How many items the whole list has, across its pages."),
    ),
    OpenApiParameter(
        "Link",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        required=False,
        response=[200],
        description=_(
            'The next and previous pages (RFC 8288), when there are: <url>; rel="next", '
            '<url>; rel="prev".'
        ),
    ),
]

# ---------------------------------------------------------------------------------------------
# Error answers, as they occur
# ---------------------------------------------------------------------------------------------
BAD_PARAMETERS = OpenApiResponse(
    {"$ref": "#/components/schemas/ParameterErrors"},
    description=_("A query parameter is refused: the body names it and says why."),
)
NOT_AUTHENTICATED = OpenApiResponse(
    DetailSerializer,
    description=_(
        "No credentials, or wrong ones: send `Authorization: Token <token>` "
        "(POST /api/auth/token/) or log in."
    ),
)
FORBIDDEN = OpenApiResponse(
    DetailSerializer, description=_("The account may not do this (or a session lacks CSRF).")
)
NOT_FOUND = OpenApiResponse(DetailSerializer, description=_("No such record."))
NO_RUN = OpenApiResponse(
    DetailSerializer,
    description=_("No accessibility run for this profile yet (manage.py compute_access)."),
)
THROTTLED = OpenApiResponse(
    DetailSerializer,
    description=_("Too many requests from this address: the Retry-After header says when."),
)
REFUSED_BODY = OpenApiResponse(
    ErrorSerializer, description=_("The body is refused: every problem by its path.")
)


def body_errors(description) -> OpenApiResponse:
    """A refused body in DRF's shape: ``{field: [sentences]}`` (nested as the body is)."""
    return OpenApiResponse(
        {
            "type": "object",
            "additionalProperties": {},
            "example": {"sites": ["A proposed site must be inside the City of Turin."]},
        },
        description=description,
    )
