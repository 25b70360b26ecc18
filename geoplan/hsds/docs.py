"""How the HSDS endpoints are described in geoplan's OpenAPI document (/api/schema/).

The bodies are HSDS objects, defined by the official schemas: the document names the schema each
answer follows instead of copying them (they run to megabytes).
"""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from .params import DEFAULT_PER_PAGE, MAX_PER_PAGE

SPEC = "https://github.com/openreferral/specification/tree/3.0/schema"
ERROR = OpenApiResponse(
    response={
        "type": "object",
        "additionalProperties": {"type": "array", "items": {"type": "string"}},
        "description": "The parameter at fault and a sentence saying why.",
    },
    description="A bad parameter: nothing is answered.",
)
NOT_FOUND = OpenApiResponse(
    response={"type": "object", "properties": {"detail": {"type": "string"}}},
    description="No published record has this id.",
)


def hsds_object(schema: str) -> dict:
    return {
        "type": "object",
        "description": f"An HSDS 3.0 object valid against the schema {schema} ({SPEC}).",
    }


def page_of(schema: str) -> dict:
    """The HSDS API's Page schema with ``contents`` of the given HSDS schema."""
    return {
        "type": "object",
        "properties": {
            "total_items": {"type": "integer"},
            "total_pages": {"type": "integer"},
            "page_number": {"type": "integer"},
            "size": {"type": "integer", "description": "Entities on this page."},
            "first_page": {"type": "boolean"},
            "last_page": {"type": "boolean"},
            "empty": {"type": "boolean"},
            "contents": {"type": "array", "items": hsds_object(schema)},
        },
    }


PAGE = [
    OpenApiParameter("page", {"type": "integer", "minimum": 1}, description="Page number, from 1."),
    OpenApiParameter(
        "per_page",
        {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        description=f"Entities per page, 1 to {MAX_PER_PAGE} ({DEFAULT_PER_PAGE}).",
    ),
    OpenApiParameter("format", str, enum=["json"], description="Only json is served."),
]
SEARCH = OpenApiParameter("search", str, description="Words in the name or description.")
FULL = OpenApiParameter("full", bool, description="Whole objects instead of their own fields.")
ORGANIZATION_ID = OpenApiParameter(
    "organization_id", str, description="Only the services of this organisation (HSDS id)."
)
TAXONOMY_TERM_ID = OpenApiParameter(
    "taxonomy_term_id",
    str,
    description="Only services with this category or target group term (see /taxonomy_terms).",
)
TAXONOMY_ID = OpenApiParameter(
    "taxonomy_id",
    str,
    description="Only services with a term of this taxonomy (categories or target groups).",
)
# What /services and /service_at_locations both take: a page, and the same filters.
SERVICE_LIST = [*PAGE, SEARCH, FULL, ORGANIZATION_ID, TAXONOMY_TERM_ID, TAXONOMY_ID]
FULL_SERVICE = OpenApiParameter(
    "full_service", bool, description="Whole services in the organisation's services."
)
