"""OGC API - Features, Part 1 (Core, GeoJSON, OpenAPI 3.0) over the published registry, the
zones and the accessibility results.

Plain Django views: each answer is JSON built from the collections in collections.py; a bad
parameter is a 400 and an unknown collection or feature a 404, both with OGC's exception body
({"code", "description"}).
"""

import functools
import json
import re
from datetime import UTC
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from .collections import Collection, all_collections, find_collection
from .ogc_params import (
    ITEMS_PARAMS,
    BadParameter,
    bbox_param,
    check_known,
    datetime_param,
    format_param,
    limit_param,
    offset_param,
)
from .openapi import openapi_document

JSON = "application/json"
GEOJSON = "application/geo+json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
GREGORIAN = "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"
CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]


class NotFound(Exception):
    pass


def answer(data, content_type=JSON, status=200) -> HttpResponse:
    body = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, content_type=content_type, status=status)


def exception(code: str, description: str, status: int) -> HttpResponse:
    return answer({"code": code, "description": description}, status=status)


def ogc_view(view):
    """GET and HEAD only; bad parameters and missing resources answered as OGC exceptions; the
    answer varies with the language (category names, labels)."""

    # Nothing here acts on a request: any other method is told 405, not refused for its token.
    @csrf_exempt
    @require_safe
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except BadParameter as exc:
            response = exception("InvalidParameterValue", str(exc), 400)
        except NotFound as exc:
            response = exception("NotFound", str(exc), 404)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return wrapped


def url(request, name: str, *args, query: dict | None = None) -> str:
    href = request.build_absolute_uri(reverse(f"ogc:{name}", args=args))
    return f"{href}?{urlencode(query)}" if query else href


def link(href: str, rel: str, type_: str, title: str) -> dict:
    return {"href": href, "rel": rel, "type": type_, "title": title}


def simple_request(request, formats=("json",)) -> None:
    """A resource that reads no parameter but `f`."""
    check_known(request.GET, ("f",))
    format_param(request.GET, formats)


@ogc_view
def landing(request):
    simple_request(request)
    return answer(
        {
            "title": _("geoplan: social services and walking access in Turin"),
            "description": _(
                "Open data of the City of Turin's social-inclusion services: the published "
                "service sites, the zone statistiche and walking access to each kind of service "
                "by zone, as OGC API - Features."
            ),
            "links": [
                link(url(request, "landing"), "self", JSON, _("This document")),
                link(url(request, "openapi"), "service-desc", OPENAPI, _("The API definition")),
                link(
                    request.build_absolute_uri(reverse("api:docs")),
                    "service-doc",
                    "text/html",
                    _("Documentation of the geoplan API"),
                ),
                link(url(request, "conformance"), "conformance", JSON, _("Conformance classes")),
                link(url(request, "collections"), "data", JSON, _("The collections")),
            ],
        }
    )


@ogc_view
def conformance(request):
    simple_request(request)
    return answer({"conformsTo": CONFORMANCE})


@ogc_view
def openapi(request):
    simple_request(request)
    return answer(openapi_document(request, all_collections()), content_type=OPENAPI)


def collection_json(request, c: Collection) -> dict:
    extent = {"spatial": {"bbox": [c.spatial_extent()], "crs": CRS84}}
    temporal = c.temporal_extent()
    if temporal:
        extent["temporal"] = {"interval": [temporal], "trs": GREGORIAN}
    if extent["spatial"]["bbox"] == [None]:  # nothing to measure yet
        del extent["spatial"]
    return {
        "id": c.id,
        "title": c.title,
        "description": c.description,
        "itemType": "feature",
        "crs": [CRS84],
        "extent": extent,
        "attribution": c.licence.attribution,
        "links": [
            link(url(request, "collection", c.id), "self", JSON, c.title),
            link(url(request, "items", c.id), "items", GEOJSON, _("The features (GeoJSON)")),
            c.licence.link(),
        ],
    }


# Ids are short words of ASCII letters, digits, "_", "-" and "."; anything else (a NUL byte,
# which PostgreSQL refuses in text) names nothing and is not looked up.
ID = re.compile(r"[\w.-]{1,100}", re.ASCII)


def get_collection(collection_id: str) -> Collection:
    c = find_collection(collection_id) if ID.fullmatch(collection_id) else None
    if c is None:
        raise NotFound(
            _("There is no collection %(id)r: /ogc/collections lists them.") % {"id": collection_id}
        )
    return c


@ogc_view
def collections(request):
    simple_request(request)
    return answer(
        {
            "links": [link(url(request, "collections"), "self", JSON, _("The collections"))],
            "collections": [collection_json(request, c) for c in all_collections()],
        }
    )


@ogc_view
def collection(request, collection_id):
    simple_request(request)
    return answer(collection_json(request, get_collection(collection_id)))


def _now() -> str:
    return timezone.now().astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


@ogc_view
def items(request, collection_id):
    query = request.GET
    check_known(query, ITEMS_PARAMS)
    format_param(query, ("json", "geojson"))
    limit, offset = limit_param(query), offset_param(query)
    box, interval = bbox_param(query), datetime_param(query)
    c = get_collection(collection_id)

    selected = c.items()
    if box is not None:
        selected = c.filter_bbox(selected, box)
    if interval is not None:
        selected = c.filter_datetime(selected, interval)
    matched = selected.count()
    page = list(selected[offset : offset + limit]) if offset < matched else []

    def page_url(at: int) -> str:
        kept = {k: v for k, v in query.items() if k not in ("limit", "offset")}
        return url(request, "items", c.id, query={**kept, "limit": limit, "offset": at})

    links = [
        link(page_url(offset), "self", GEOJSON, _("This page")),
        link(url(request, "collection", c.id), "collection", JSON, c.title),
        c.licence.link(),
    ]
    if offset + len(page) < matched:
        links.append(link(page_url(offset + limit), "next", GEOJSON, _("Next page")))
    if offset > 0:
        links.append(link(page_url(max(offset - limit, 0)), "prev", GEOJSON, _("Previous page")))
    return answer(
        {
            "type": "FeatureCollection",
            "features": [c.feature(record) for record in page],
            "numberMatched": matched,
            "numberReturned": len(page),
            "timeStamp": _now(),
            "links": links,
        },
        content_type=GEOJSON,
    )


@ogc_view
def item(request, collection_id, feature_id):
    simple_request(request, ("json", "geojson"))
    c = get_collection(collection_id)
    record = c.get(feature_id) if ID.fullmatch(feature_id) else None
    if record is None:
        raise NotFound(
            _("Collection %(collection)r has no feature %(id)r.")
            % {"collection": c.id, "id": feature_id}
        )
    feature = c.feature(record)
    feature["links"] = [
        link(url(request, "item", c.id, feature_id), "self", GEOJSON, _("This feature")),
        link(url(request, "collection", c.id), "collection", JSON, c.title),
        c.licence.link(),
    ]
    return answer(feature, content_type=GEOJSON)
