"""/api/hsds/: the HSDS 3.0 API. The HSDS OpenAPI document's paths have no trailing slash; every
path answers with and without one (the OpenAPI document lists each once, with the slash)."""

from django.urls import path

from . import views

app_name = "hsds"


def _both(route: str, view, name: str) -> list:
    return [path(f"{route}/", view, name=name), path(route, view)]


urlpatterns = [
    path("", views.ApiInfo.as_view(), name="root"),
    path("openapi.json", views.OpenApiDocument.as_view(), name="openapi"),
    path("export.json", views.Export.as_view(), name="export"),
    *_both("services", views.ServiceList.as_view(), "services"),
    *_both("services/<str:hsds_id>", views.ServiceDetail.as_view(), "service"),
    *_both("organizations", views.OrganizationList.as_view(), "organizations"),
    *_both("organizations/<str:hsds_id>", views.OrganizationDetail.as_view(), "organization"),
    *_both("service_at_locations", views.ServiceAtLocationList.as_view(), "service-at-locations"),
    *_both(
        "service_at_locations/<str:hsds_id>",
        views.ServiceAtLocationDetail.as_view(),
        "service-at-location",
    ),
    *_both("taxonomies", views.TaxonomyList.as_view(), "taxonomies"),
    *_both("taxonomies/<str:hsds_id>", views.TaxonomyDetail.as_view(), "taxonomy"),
    *_both("taxonomy_terms", views.TaxonomyTermList.as_view(), "taxonomy-terms"),
    *_both("taxonomy_terms/<str:hsds_id>", views.TaxonomyTermDetail.as_view(), "taxonomy-term"),
]
