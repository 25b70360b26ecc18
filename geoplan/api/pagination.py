"""How the API's lists are cut into pages: ``?limit=`` and ``?offset=``.

The default page is as large as the largest page allowed, which holds the whole city (1,377 H3
cells, 94 zones, a few hundred sites at most): a client that reads a list without asking for a
page gets all of it, in the shape it always had. The maps, the partner portal and the scripts
written before the lists had pages keep working unchanged.

- A JSON array stays an array: the page is told in headers, ``X-Total-Count`` (items in the
  whole list) and ``Link`` (RFC 8288: ``rel="next"`` and ``rel="prev"``, present only when
  there is such a page).
- A GeoJSON list stays a ``FeatureCollection``: ``count``, ``next`` and ``previous`` are members
  of it too (as in rest_framework_gis' GeoJsonPagination), beside the same headers.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response

# The largest page, and the page given when none is asked for.
MAX_LIMIT = 5000

# Headers a page is described by; cross-origin scripts may read them too.
PAGE_HEADERS = ("Link", "X-Total-Count")


def _whole_number(request, name: str, default: int, lowest: int, highest: int | None) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < lowest or (highest is not None and value > highest):
        if highest is None:
            message = _("%(name)s must be a whole number of at least %(lowest)d, not %(raw)r.")
        else:
            message = _(
                "%(name)s must be a whole number from %(lowest)d to %(highest)d, not %(raw)r."
            )
        raise ValidationError(
            {name: message % {"name": name, "lowest": lowest, "highest": highest, "raw": raw}}
        )
    return value


class ListPagination(LimitOffsetPagination):
    """A list's page as the list itself (a JSON array), described by headers."""

    default_limit = MAX_LIMIT
    max_limit = MAX_LIMIT
    limit_query_description = gettext_lazy(
        "How many items to return: at most %(max)d, which is also the default (the whole list "
        "of the city)."
    )
    offset_query_description = gettext_lazy("How many items to skip from the start of the list.")
    # No browsable pages: the API renders JSON only.
    template = None

    def get_limit(self, request):
        return _whole_number(request, self.limit_query_param, self.default_limit, 1, MAX_LIMIT)

    def get_offset(self, request):
        return _whole_number(request, self.offset_query_param, 0, 0, None)

    def page_headers(self) -> dict[str, str]:
        links = [
            f'<{url}>; rel="{rel}"'
            for url, rel in ((self.get_next_link(), "next"), (self.get_previous_link(), "prev"))
            if url
        ]
        headers = {
            "X-Total-Count": str(self.count),
            "Access-Control-Expose-Headers": ", ".join(PAGE_HEADERS),
        }
        if links:
            headers["Link"] = ", ".join(links)
        return headers

    def get_paginated_response(self, data):
        return Response(data, headers=self.page_headers())

    def get_paginated_response_schema(self, schema):
        return schema

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.limit_query_param,
                "required": False,
                "in": "query",
                "description": str(self.limit_query_description) % {"max": MAX_LIMIT},
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
            },
            {
                "name": self.offset_query_param,
                "required": False,
                "in": "query",
                "description": str(self.offset_query_description),
                "schema": {"type": "integer", "minimum": 0},
            },
        ]


PAGE_MEMBERS_SCHEMA = {
    "count": {
        "type": "integer",
        "minimum": 0,
        "description": gettext_lazy("Features in the whole list."),
    },
    "next": {
        "type": "string",
        "format": "uri",
        "nullable": True,
        "description": gettext_lazy("The next page, or null on the last page."),
    },
    "previous": {
        "type": "string",
        "format": "uri",
        "nullable": True,
        "description": gettext_lazy("The previous page, or null on the first page."),
    },
}


class GeoJsonListPagination(ListPagination):
    """A GeoJSON list's page: a FeatureCollection with ``count``, ``next`` and ``previous``.

    Members of the collection other than ``type`` and ``features`` (the ``run`` of an
    accessibility answer) are kept; ``extra_members_schema`` documents them."""

    extra_members_schema: dict = {}

    def get_paginated_response(self, data):
        extra = {k: v for k, v in data.items() if k not in ("type", "features")}
        body = {
            "type": "FeatureCollection",
            "count": self.count,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            **extra,
            "features": data["features"],
        }
        return Response(body, headers=self.page_headers())

    def get_paginated_response_schema(self, schema):
        members = {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            **PAGE_MEMBERS_SCHEMA,
            **self.extra_members_schema,
        }
        required = ["type", "count", "next", "previous", *self.extra_members_schema, "features"]
        if schema.get("type") == "array":
            # The features' schema: the collection is written here in full.
            return {
                "type": "object",
                "required": required,
                "properties": {**members, "features": schema},
            }
        # A FeatureCollection component already (rest_framework_gis' list serializer): the
        # page's members are added to it.
        return {
            "allOf": [
                schema,
                {"type": "object", "required": required, "properties": members},
            ]
        }


class RunFeaturePagination(GeoJsonListPagination):
    """A page of an accessibility run's results: the collection names its ``run``."""

    extra_members_schema = {
        "run": {
            "type": "integer",
            "description": gettext_lazy("The accessibility run the values come from."),
        }
    }
