"""The HSDS 3.0 API (Open Referral) over the public registry, at /api/hsds/.

Paths and answers follow the HSDS OpenAPI document (fixtures/hsds-3.0/schema/openapi.json):
`/`, `/services`, `/services/{id}`, `/organizations`, `/organizations/{id}`,
`/service_at_locations`, `/service_at_locations/{id}`, `/taxonomies`, `/taxonomy_terms` and
their `/{id}`; each list is a Page. Records are those of /api/sites/ (see public.py).
"""

from __future__ import annotations

import json
from types import SimpleNamespace

from django.db.models import Q
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from geoplan.registry.models import Organization

from . import docs, public, schemas, serialise
from .export import LICENCE, export_document
from .ids import parse_uuid
from .params import check_served, flag, page, page_params, uuid_param
from .taxonomies import CATEGORIES, DETAILS, TARGET_GROUPS, TAXONOMIES, Terms, term_codes

HSDS_VERSION = "3.0"


class _Negotiation(DefaultContentNegotiation):
    """HSDS has a `format` parameter of its own, which the views answer with a sentence; DRF
    would read it to choose a renderer and answer an unknown one with a bare 404."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


class HsdsView(APIView):
    content_negotiation_class = _Negotiation


def _not_found(kind: str, raw: str):
    if parse_uuid(raw) is None:
        return NotFound(_("“%(id)s” is not an HSDS id (a UUID).") % {"id": raw[:60]})
    return NotFound(_("No published %(kind)s has the id %(id)s.") % {"kind": kind, "id": raw})


def search_words(request) -> list[str]:
    text = request.query_params.get("search") or ""
    if "\x00" in text:
        raise ValidationError(
            {"search": [_("search holds a character that cannot be searched (NUL).")]}
        )
    return text.split()[:10]


def _search(request, fields: list[str]) -> Q | None:
    words = search_words(request)
    if not words:
        return None
    query = Q()
    for word in words:
        any_field = Q()
        for field in fields:
            any_field |= Q(**{f"{field}__icontains": word})
        query &= any_field
    return query


def _filtered_services(request):
    services = public.services()
    search = _search(
        request, ["name", "description", "site__name", "site__address", "category__name_en"]
    )
    if search is not None:
        services = services.filter(search)
    organisation = uuid_param(request, "organization_id")
    if organisation:
        pk = public.organisation_pk(organisation)
        services = services.filter(public.provided_by(pk)) if pk else services.none()
    term = uuid_param(request, "taxonomy_term_id")
    if term:
        if term in term_codes(CATEGORIES):
            services = services.filter(category__code=term_codes(CATEGORIES)[term])
        elif term in term_codes(TARGET_GROUPS):
            services = services.filter(target_groups__contains=[term_codes(TARGET_GROUPS)[term]])
        elif term in term_codes(DETAILS):
            raise ValidationError(
                {"taxonomy_term_id": [_("Only category and target group terms filter services.")]}
            )
        else:
            services = services.none()
    taxonomy = uuid_param(request, "taxonomy_id")
    if taxonomy == TARGET_GROUPS.id:
        services = services.exclude(target_groups=[])
    elif taxonomy == DETAILS.id:
        raise ValidationError(
            {
                "taxonomy_id": [
                    _("Only the categories and target groups taxonomies filter services.")
                ]
            }
        )
    elif taxonomy and taxonomy != CATEGORIES.id:
        services = services.none()
    return services


class ApiInfo(HsdsView):
    @extend_schema(
        operation_id="getAPIMetaInformation",
        summary="HSDS: information about this API",
        responses={
            200: OpenApiResponse(
                response={
                    "type": "object",
                    "properties": {
                        "version": {"type": "string"},
                        "openapi_url": {"type": "string", "format": "uri"},
                    },
                },
                description="The HSDS version served and the OpenAPI document defining it.",
            )
        },
        tags=["hsds"],
    )
    def get(self, request):
        return Response(
            {
                "version": HSDS_VERSION,
                "openapi_url": request.build_absolute_uri("/api/hsds/openapi.json"),
                "export_url": request.build_absolute_uri("/api/hsds/export.json"),
                "license": LICENCE.name,
                "license_url": LICENCE.url,
                "attribution": LICENCE.attribution,
            }
        )


class OpenApiDocument(HsdsView):
    """The official HSDS OpenAPI document, with this API's title, licence and address."""

    @extend_schema(
        operation_id="getHSDSOpenAPIDocument",
        summary="HSDS: the OpenAPI document of the HSDS API",
        responses={200: OpenApiResponse(response=docs.hsds_object("openapi.json"))},
        tags=["hsds"],
    )
    def get(self, request):
        document = json.loads(schemas.OPENAPI_FILE.read_text(encoding="utf-8"))
        document["info"] = {
            "title": "geoplan HSDS API",
            "version": HSDS_VERSION,
            "summary": "Social services of the City of Turin in Open Referral HSDS 3.0.",
            "description": (
                "Published services of geoplan's registry. The schemas are Open Referral's "
                "(CC BY-SA 4.0); the data is shared under the licence below."
            ),
            "license": {"name": LICENCE.name, "url": LICENCE.url},
        }
        document["servers"] = [{"url": request.build_absolute_uri("/api/hsds")}]
        return Response(document)


class ServiceList(HsdsView):
    @extend_schema(
        operation_id="getPaginatedListOfServices",
        summary="HSDS: published services, a page at a time",
        parameters=docs.SERVICE_LIST,
        responses={200: docs.page_of(schemas.SERVICE_LIST), 400: docs.ERROR},
        tags=["hsds"],
    )
    def get(self, request):
        check_served(request)
        number, per_page = page_params(request)
        make = serialise.service_full if flag(request, "full") else serialise.service_item
        terms = Terms()
        return Response(
            page(_filtered_services(request), number, per_page, lambda s: make(s, terms))
        )


class ServiceDetail(HsdsView):
    @extend_schema(
        operation_id="getFullyNestedServiceById",
        summary="HSDS: one service, whole",
        responses={200: docs.hsds_object(schemas.SERVICE), 404: docs.NOT_FOUND},
        tags=["hsds"],
    )
    def get(self, request, hsds_id: str):
        pk = public.service_pk(parse_uuid(hsds_id) or "")
        if pk is None:
            raise _not_found(_("service"), hsds_id)
        return Response(serialise.service_full(public.services().get(pk=pk), Terms()))


class ServiceAtLocationList(HsdsView):
    @extend_schema(
        operation_id="getPaginatedListOfServiceAtLocation",
        summary="HSDS: published services at their locations, a page at a time",
        parameters=docs.SERVICE_LIST,
        responses={200: docs.page_of(schemas.SERVICE_AT_LOCATION_LIST), 400: docs.ERROR},
        tags=["hsds"],
    )
    def get(self, request):
        check_served(request)
        number, per_page = page_params(request)
        if flag(request, "full"):
            make = serialise.service_at_location_full
        else:
            make = serialise.service_at_location_item
        terms = Terms()
        return Response(
            page(_filtered_services(request), number, per_page, lambda s: make(s, terms))
        )


class ServiceAtLocationDetail(HsdsView):
    @extend_schema(
        operation_id="getServiceAtLocationWithNestedDataById",
        summary="HSDS: one service at its location, whole",
        responses={200: docs.hsds_object(schemas.SERVICE_AT_LOCATION), 404: docs.NOT_FOUND},
        tags=["hsds"],
    )
    def get(self, request, hsds_id: str):
        pk = public.service_pk(parse_uuid(hsds_id) or "", "service_at_location")
        if pk is None:
            raise _not_found(_("service at a location"), hsds_id)
        service = public.services().get(pk=pk)
        return Response(serialise.service_at_location_full(service, Terms()))


def _organisation_full(org: Organization, terms: Terms, full_services: bool) -> dict:
    return serialise.organisation_full(
        org,
        list(public.services_of(org.pk)),
        list(public.sites_of(org.pk)),
        terms,
        full_services,
    )


class OrganizationList(HsdsView):
    @extend_schema(
        operation_id="getPaginatedListOfOrganizations",
        summary="HSDS: organisations with published services, a page at a time",
        parameters=[*docs.PAGE, docs.SEARCH, docs.FULL, docs.FULL_SERVICE],
        responses={200: docs.page_of(schemas.ORGANIZATION_LIST), 400: docs.ERROR},
        tags=["hsds"],
    )
    def get(self, request):
        check_served(request)
        number, per_page = page_params(request)
        organisations = public.organisations()
        search = _search(request, ["name", "description"])
        if search is not None:
            organisations = organisations.filter(search)
        terms = Terms()
        if flag(request, "full"):
            full_services = flag(request, "full_service")

            def make(org):
                return _organisation_full(org, terms, full_services)
        else:

            def make(org):
                return serialise.organisation_item(org, terms)

        return Response(page(organisations, number, per_page, make))


class OrganizationDetail(HsdsView):
    @extend_schema(
        operation_id="getOrganizationById",
        summary="HSDS: one organisation with its locations and services",
        parameters=[docs.FULL_SERVICE],
        responses={
            200: docs.hsds_object(schemas.ORGANIZATION),
            400: docs.ERROR,
            404: docs.NOT_FOUND,
        },
        tags=["hsds"],
    )
    def get(self, request, hsds_id: str):
        full_services = flag(request, "full_service")
        pk = public.organisation_pk(parse_uuid(hsds_id) or "")
        if pk is None:
            raise _not_found(_("organisation"), hsds_id)
        org = Organization.objects.get(pk=pk)
        return Response(_organisation_full(org, Terms(), full_services))


class TaxonomyList(HsdsView):
    @extend_schema(
        operation_id="getPaginatedListOfTaxonomies",
        summary="HSDS: geoplan's taxonomies",
        parameters=[*docs.PAGE, docs.SEARCH],
        responses={200: docs.page_of(schemas.TAXONOMY), 400: docs.ERROR},
        tags=["hsds"],
    )
    def get(self, request):
        check_served(request)
        number, per_page = page_params(request)
        words = [w.lower() for w in search_words(request)]
        taxonomies = [
            t.as_hsds()
            for t in TAXONOMIES
            if all(w in f"{t.name} {t.description}".lower() for w in words)
        ]
        return Response(page(taxonomies, number, per_page, lambda t: t))


class TaxonomyDetail(HsdsView):
    @extend_schema(
        operation_id="getTaxonomyById",
        summary="HSDS: one taxonomy",
        responses={200: docs.hsds_object(schemas.TAXONOMY), 404: docs.NOT_FOUND},
        tags=["hsds"],
    )
    def get(self, request, hsds_id: str):
        for taxonomy in TAXONOMIES:
            if taxonomy.id == parse_uuid(hsds_id):
                return Response(taxonomy.as_hsds())
        raise _not_found(_("taxonomy"), hsds_id)


class TaxonomyTermList(HsdsView):
    @extend_schema(
        operation_id="getPaginatedListOfTaxonomyTerms",
        summary="HSDS: the terms of geoplan's taxonomies",
        parameters=[
            *docs.PAGE,
            docs.SEARCH,
            OpenApiParameter("taxonomy_id", str, description="Only this taxonomy's terms."),
            OpenApiParameter("top_only", bool, description="Every term is at the top."),
            OpenApiParameter("parent_id", str, description="No term has a parent."),
        ],
        responses={200: docs.page_of(schemas.TAXONOMY_TERM), 400: docs.ERROR},
        tags=["hsds"],
    )
    def get(self, request):
        check_served(request)
        number, per_page = page_params(request)
        flag(request, "top_only")  # checked: geoplan's terms have no parents, all are at the top
        terms = Terms().all()
        taxonomy = uuid_param(request, "taxonomy_id")
        if taxonomy:
            terms = [t for t in terms if t["taxonomy_id"] == taxonomy]
        if uuid_param(request, "parent_id"):
            terms = []
        words = [w.lower() for w in search_words(request)]
        terms = [
            t
            for t in terms
            if all(w in f"{t['code']} {t['name']} {t['description']}".lower() for w in words)
        ]
        return Response(page(terms, number, per_page, lambda t: t))


class TaxonomyTermDetail(HsdsView):
    @extend_schema(
        operation_id="getTaxonomyTermById",
        summary="HSDS: one taxonomy term",
        responses={200: docs.hsds_object(schemas.TAXONOMY_TERM), 404: docs.NOT_FOUND},
        tags=["hsds"],
    )
    def get(self, request, hsds_id: str):
        wanted = parse_uuid(hsds_id)
        for term in Terms().all():
            if term["id"] == wanted:
                return Response(term)
        raise _not_found(_("taxonomy term"), hsds_id)


class Export(HsdsView):
    @extend_schema(
        operation_id="getHSDSExport",
        summary="HSDS: the whole public directory as one JSON file",
        description=(
            "Every published service, whole (organisation, location with address and "
            "coordinates, schedules, phone, languages, attributes), in one HSDS Page, with "
            "every organisation, geoplan's taxonomies, the licence and the attribution."
        ),
        responses={200: docs.page_of(schemas.SERVICE)},
        tags=["hsds"],
    )
    def get(self, request):
        response = Response(export_document())
        response["Content-Disposition"] = 'attachment; filename="geoplan-hsds-3.0.json"'
        response["Link"] = f'<{LICENCE.url}>; rel="license"'
        return response
