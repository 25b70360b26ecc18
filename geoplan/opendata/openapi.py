"""The OpenAPI 3.0 document of /ogc/ (the `service-desc` of the landing page).

Written by hand, as the views are: it names the current collections, and states the paging
limits the views apply (clients such as GDAL read `limit`'s maximum from here to size pages).
Parameters are written inline, not as references, for clients that do not follow them.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from .ogc_params import DEFAULT_LIMIT, MAX_LIMIT

LINK = {
    "type": "object",
    "required": ["href"],
    "properties": {
        "href": {"type": "string"},
        "rel": {"type": "string"},
        "type": {"type": "string"},
        "title": {"type": "string"},
    },
}
EXCEPTION = {
    "type": "object",
    "required": ["code"],
    "properties": {"code": {"type": "string"}, "description": {"type": "string"}},
}
GEOMETRY = {
    "type": "object",
    "nullable": True,
    "required": ["type"],
    "properties": {
        "type": {"type": "string", "enum": ["Point", "Polygon", "MultiPolygon"]},
        "coordinates": {"type": "array", "items": {}},
    },
}
FEATURE = {
    "type": "object",
    "required": ["type", "geometry", "properties"],
    "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        "geometry": GEOMETRY,
        "properties": {"type": "object", "nullable": True},
        "links": {"type": "array", "items": LINK},
    },
}
FEATURE_COLLECTION = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": FEATURE},
        "links": {"type": "array", "items": LINK},
        "timeStamp": {"type": "string", "format": "date-time"},
        "numberMatched": {"type": "integer", "minimum": 0},
        "numberReturned": {"type": "integer", "minimum": 0},
    },
}
COLLECTION = {
    "type": "object",
    "required": ["id", "links"],
    "properties": {
        "id": {"type": "string"},
        "title": {"type": "string"},
        "description": {"type": "string"},
        "links": {"type": "array", "items": LINK},
        "extent": {"type": "object"},
        "itemType": {"type": "string"},
        "crs": {"type": "array", "items": {"type": "string"}},
        "attribution": {"type": "string"},
    },
}


def _json(schema: dict, description: str, media_type: str = "application/json") -> dict:
    return {"description": description, "content": {media_type: {"schema": schema}}}


def _errors(*statuses: int) -> dict:
    descriptions = {
        400: _("A query parameter is not valid; the description says which and why."),
        404: _("There is no such collection or feature."),
    }
    return {str(s): _json(EXCEPTION, descriptions[s]) for s in statuses}


def _format(*formats: str) -> dict:
    return {
        "name": "f",
        "in": "query",
        "required": False,
        "description": _("The format of the answer."),
        "schema": {"type": "string", "enum": list(formats), "default": formats[0]},
        "style": "form",
        "explode": False,
    }


def _get(summary: str, operation_id: str, responses: dict, parameters=(), tags=()) -> dict:
    return {
        "get": {
            "summary": summary,
            "operationId": operation_id,
            "tags": list(tags) or ["Capabilities"],
            "parameters": list(parameters),
            "responses": responses,
        }
    }


def openapi_document(request, collections) -> dict:
    """The document for the collections listed now; `servers` is this site's /ogc/."""
    collection_id = {
        "name": "collectionId",
        "in": "path",
        "required": True,
        "description": _("The collection's id, as /collections lists them."),
        "schema": {"type": "string", "enum": [c.id for c in collections]},
    }
    feature_id = {
        "name": "featureId",
        "in": "path",
        "required": True,
        "description": _("The feature's id: a site's number or a zone's code."),
        "schema": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,100}$"},
    }
    items_parameters = [
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "description": _(
                "How many features a page holds; a larger value is served as the maximum."
            ),
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_LIMIT,
                "default": DEFAULT_LIMIT,
            },
            "style": "form",
            "explode": False,
        },
        {
            "name": "offset",
            "in": "query",
            "required": False,
            "description": _("How many features to skip (the `next` link sets it)."),
            "schema": {"type": "integer", "minimum": 0, "default": 0},
            "style": "form",
            "explode": False,
        },
        {
            "name": "bbox",
            "in": "query",
            "required": False,
            "description": _(
                "Only features that intersect the box: minimum longitude, minimum latitude, "
                "maximum longitude, maximum latitude (WGS 84, CRS84)."
            ),
            "schema": {
                "type": "array",
                "minItems": 4,
                "maxItems": 6,
                "items": {"type": "number", "minimum": -180, "maximum": 180},
            },
            "style": "form",
            "explode": False,
        },
        {
            "name": "datetime",
            "in": "query",
            "required": False,
            "description": _(
                "Only features whose time meets this date, date-time or interval (RFC 3339, "
                "`..` for an open end): a site's services' year of facts, a zone's population "
                "year, the time walking access was computed."
            ),
            "schema": {"type": "string", "minLength": 1},
            "style": "form",
            "explode": False,
        },
        _format("json", "geojson"),
    ]
    geojson = "application/geo+json"
    return {
        "openapi": "3.0.3",
        "info": {
            "title": _("geoplan OGC API - Features"),
            "version": "1.0.0",
            "description": _(
                "Published service sites, zone statistiche and walking access by zone in "
                "Turin. Coordinates are longitude and latitude (CRS84)."
            ),
        },
        "servers": [{"url": request.build_absolute_uri(reverse("ogc:landing")).rstrip("/")}],
        "tags": [
            {"name": "Capabilities", "description": _("What the API offers.")},
            {"name": "Data", "description": _("The features.")},
        ],
        "paths": {
            "/": _get(
                _("Landing page"),
                "getLandingPage",
                {
                    "200": _json({"type": "object"}, _("Links to the API's resources.")),
                    **_errors(400),
                },
                [_format("json")],
            ),
            "/conformance": _get(
                _("Conformance classes"),
                "getConformance",
                {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["conformsTo"],
                            "properties": {
                                "conformsTo": {"type": "array", "items": {"type": "string"}}
                            },
                        },
                        _("The standards' parts the API conforms to."),
                    ),
                    **_errors(400),
                },
                [_format("json")],
            ),
            "/api": _get(
                _("This API definition"),
                "getAPIDefinition",
                {
                    "200": _json(
                        {"type": "object"},
                        _("OpenAPI 3.0 document."),
                        "application/vnd.oai.openapi+json;version=3.0",
                    ),
                    **_errors(400),
                },
                [_format("json")],
            ),
            "/collections": _get(
                _("The collections"),
                "getCollections",
                {
                    "200": _json(
                        {
                            "type": "object",
                            "required": ["links", "collections"],
                            "properties": {
                                "links": {"type": "array", "items": LINK},
                                "collections": {"type": "array", "items": COLLECTION},
                            },
                        },
                        _("Every collection with its extent and links."),
                    ),
                    **_errors(400),
                },
                [_format("json")],
            ),
            "/collections/{collectionId}": _get(
                _("One collection"),
                "describeCollection",
                {"200": _json(COLLECTION, _("The collection.")), **_errors(400, 404)},
                [collection_id, _format("json")],
            ),
            "/collections/{collectionId}/items": _get(
                _("The features of a collection"),
                "getFeatures",
                {
                    "200": _json(FEATURE_COLLECTION, _("A page of features (GeoJSON)."), geojson),
                    **_errors(400, 404),
                },
                [collection_id, *items_parameters],
                tags=["Data"],
            ),
            "/collections/{collectionId}/items/{featureId}": _get(
                _("One feature"),
                "getFeature",
                {"200": _json(FEATURE, _("The feature (GeoJSON)."), geojson), **_errors(400, 404)},
                [collection_id, feature_id, _format("json", "geojson")],
                tags=["Data"],
            ),
        },
    }
