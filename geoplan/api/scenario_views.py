"""Planners' scenarios: list, create, change and delete them, add and remove edits, read their
results recomputed with the edits, compare two, and start one from the registry's planned
services. Planners only; every planner sees every scenario, only its owner (or an admin)
changes it."""

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from geoplan.planning.edits import (
    MAX_EDITS,
    EditRefused,
    clean_edit,
    remove_edit,
    store_edits,
    turin_boundary,
)
from geoplan.planning.models import Scenario, ScenarioEdit
from geoplan.planning.permissions import IsPlanner
from geoplan.planning.query_values import MAX_ID_DIGITS, parse_scenario_id
from geoplan.planning.scenarios import compare_results, edit_json, scenario_results
from geoplan.registry.models import Service, Status

from .params import PROFILE_PARAMETER, profile_param
from .partner_serializers import DetailSerializer
from .scenario_serializers import (
    EditAnswerSerializer,
    EditSerializer,
    ScenarioChangeSerializer,
    ScenarioComparisonSerializer,
    ScenarioCreateSerializer,
    ScenarioResultsSerializer,
    ScenarioSerializer,
)
from .schema import BAD_PARAMETERS, FORBIDDEN, NOT_AUTHENTICATED, body_errors

REFUSALS = {401: NOT_AUTHENTICATED, 403: FORBIDDEN}
NO_SCENARIO = OpenApiResponse(DetailSerializer, description=gettext_lazy("No such scenario."))


def scenario_json(scenario: Scenario, user) -> dict:
    pk = scenario.pk
    return {
        "id": pk,
        "name": scenario.name,
        "description": scenario.description,
        "owner": scenario.owner.get_username(),
        "origin": scenario.origin,
        "origin_label": scenario.get_origin_display(),
        "is_illustrative": scenario.is_illustrative,
        "siting": scenario.siting,
        "created_at": scenario.created_at,
        "updated_at": scenario.updated_at,
        "can_change": user.has_perm("planning.change_scenario", scenario),
        "edits": [edit_json(e) for e in scenario.edits.all()],
        "url": reverse("api:scenario", args=[pk]),
        "results_url": reverse("api:scenario-results", args=[pk]),
        "report_url": reverse("planning:scenario-report", args=[pk]),
        "print_url": reverse("planning:scenario-print", args=[pk]),
    }


def scenarios():
    return Scenario.objects.select_related("owner").prefetch_related(
        "edits__category", "edits__site"
    )


class PlannerView(GenericAPIView):
    permission_classes = [IsPlanner]
    pagination_class = None
    filter_backends = []

    def get_scenario(self, pk) -> Scenario:
        scenario = scenarios().filter(pk=pk).first()
        if scenario is None:
            raise NotFound(_("There is no scenario %(id)s.") % {"id": pk})
        return scenario

    def changeable(self, pk) -> Scenario:
        scenario = self.get_scenario(pk)
        if not self.request.user.has_perm("planning.change_scenario", scenario):
            raise PermissionDenied(
                _("Only the scenario's owner (or an administrator) may change or delete it.")
            )
        return scenario

    def get_serializer_context(self):
        # Every edit of a request is checked against one reading of the city boundary.
        return super().get_serializer_context() | {"boundary": turin_boundary()}


def _store(scenario: Scenario, edits: list[dict]) -> None:
    try:
        store_edits(scenario, edits)
    except EditRefused as exc:
        raise ValidationError(exc.problems) from None


class ScenarioList(PlannerView):
    """Every scenario (GET, newest change first), or a new one (POST) owned by the account
    asking: ``{"name", "description"?, "edits"?: [edit, ...]}`` (up to 100 edits)."""

    serializer_class = ScenarioSerializer

    @extend_schema(
        operation_id="scenarios_list",
        responses={200: ScenarioSerializer(many=True), **REFUSALS},
    )
    def get(self, request):
        return Response([scenario_json(s, request.user) for s in scenarios()])

    @extend_schema(
        request=ScenarioCreateSerializer,
        responses={
            201: ScenarioSerializer,
            400: body_errors(
                gettext_lazy(
                    "The scenario is refused and nothing is stored: {field: [sentences]}, "
                    "edits by their place in the list."
                )
            ),
            **REFUSALS,
        },
    )
    def post(self, request):
        body = ScenarioCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        data = body.validated_data
        with transaction.atomic():
            scenario = Scenario.objects.create(
                name=data["name"],
                description=data.get("description", ""),
                owner=request.user,
            )
            _store(scenario, data.get("edits", []))
        return Response(
            scenario_json(self.get_scenario(scenario.pk), request.user),
            status=status.HTTP_201_CREATED,
        )


class ScenarioDetail(PlannerView):
    """One scenario (GET); its name or description changed (PATCH) or the scenario deleted
    (DELETE) by its owner or an admin."""

    serializer_class = ScenarioSerializer

    @extend_schema(responses={200: ScenarioSerializer, 404: NO_SCENARIO, **REFUSALS})
    def get(self, request, pk):
        return Response(scenario_json(self.get_scenario(pk), request.user))

    @extend_schema(
        request=ScenarioChangeSerializer,
        responses={
            200: ScenarioSerializer,
            400: body_errors(gettext_lazy("The change is refused: {field: [sentences]}.")),
            404: NO_SCENARIO,
            **REFUSALS,
        },
    )
    def patch(self, request, pk):
        scenario = self.changeable(pk)
        body = ScenarioChangeSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        for name, value in body.validated_data.items():
            setattr(scenario, name, value)
        scenario.save()
        return Response(scenario_json(scenario, request.user))

    @extend_schema(responses={204: None, 404: NO_SCENARIO, **REFUSALS})
    def delete(self, request, pk):
        self.changeable(pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


class ScenarioEdits(PlannerView):
    """POST one edit, added after the scenario's others (owner or admin): 201 with the edit."""

    serializer_class = EditSerializer

    @extend_schema(
        request=EditSerializer,
        responses={
            201: EditAnswerSerializer,
            400: body_errors(
                gettext_lazy("The edit is refused and nothing is stored: {field: [sentences]}.")
            ),
            404: NO_SCENARIO,
            **REFUSALS,
        },
    )
    def post(self, request, pk):
        scenario = self.changeable(pk)
        body = EditSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        with transaction.atomic():
            # One writer at a time per scenario, so two edits never pass the limit together.
            Scenario.objects.select_for_update().filter(pk=scenario.pk).first()
            _store(scenario, [body.validated_data])
        edit = scenario.edits.select_related("category", "site").order_by("-position").first()
        return Response(edit_json(edit), status=status.HTTP_201_CREATED)


class ScenarioEditDetail(PlannerView):
    """DELETE one of the scenario's edits (owner or admin)."""

    serializer_class = EditAnswerSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "edit",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description=gettext_lazy("The edit's id."),
            )
        ],
        responses={
            204: None,
            404: OpenApiResponse(
                DetailSerializer, description=gettext_lazy("No such scenario or edit.")
            ),
            **REFUSALS,
        },
    )
    def delete(self, request, pk, edit):
        scenario = self.changeable(pk)
        found = ScenarioEdit.objects.filter(scenario=scenario, pk=edit).first()
        if found is None:
            raise NotFound(_("Scenario %(id)s has no edit %(edit)s.") % {"id": pk, "edit": edit})
        remove_edit(found)
        return Response(status=status.HTTP_204_NO_CONTENT)


class ScenarioResults(PlannerView):
    """Every measure before and after the scenario's edits, and the change, for the city and
    every zone, in the categories the edits change: recomputed over the whole walking network
    (kept until the scenario or the accessibility results change)."""

    serializer_class = ScenarioResultsSerializer

    @extend_schema(
        parameters=[PROFILE_PARAMETER],
        responses={
            200: ScenarioResultsSerializer,
            400: BAD_PARAMETERS,
            404: NO_SCENARIO,
            **REFUSALS,
        },
    )
    def get(self, request, pk):
        profile = profile_param(request)
        return Response(scenario_results(self.get_scenario(pk), profile))


def _scenario_param(request, name: str) -> int:
    try:
        return parse_scenario_id(request.query_params.get(name), name)
    except ValueError as exc:
        raise ValidationError({name: str(exc)}) from None


class ScenarioCompare(PlannerView):
    """The changes two scenarios make (``?a=&b=``, ids of scenarios; a may equal b), side by
    side, and b's minus a's, for the city and every zone."""

    serializer_class = ScenarioComparisonSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter(
                name,
                {"type": "integer", "minimum": 0, "maximum": 10**MAX_ID_DIGITS - 1},
                required=True,
                description=gettext_lazy("The id of a scenario."),
            )
            for name in ("a", "b")
        ]
        + [PROFILE_PARAMETER],
        responses={
            200: ScenarioComparisonSerializer,
            400: BAD_PARAMETERS,
            404: NO_SCENARIO,
            **REFUSALS,
        },
    )
    def get(self, request):
        a, b = _scenario_param(request, "a"), _scenario_param(request, "b")
        profile = profile_param(request)
        first = self.get_scenario(a)
        second = first if b == a else self.get_scenario(b)
        return Response(compare_results(first, second, profile))


def planned_edit(service: Service) -> dict:
    """An add edit for a planned service of the registry, its note naming the source."""
    site = service.site
    note = _("From the registry: planned service %(id)d at site %(site)d. Source: %(status)s") % {
        "id": service.pk,
        "site": site.pk,
        "status": service.status_note or service.get_status_display(),
    }
    hours = service.opening_hours if len(service.opening_hours) <= 200 else ""
    return {
        "kind": "add",
        "category": service.category.code,
        "lon": site.geom.x,
        "lat": site.geom.y,
        "capacity": service.capacity,
        "hours": hours,
        "name": service.name[:200],
        "note": note[:300],
    }


class ScenarioFromPlanned(PlannerView):
    """POST: a new scenario "Planned sites" owned by the account asking, with one ``add`` edit
    per planned service of the registry at a located site (category, point, name, a note naming
    the source). 400 when no planned service is located."""

    serializer_class = ScenarioSerializer

    @extend_schema(
        request=None,
        responses={
            201: ScenarioSerializer,
            400: OpenApiResponse(
                DetailSerializer,
                description=gettext_lazy("The registry has no located planned service."),
            ),
            **REFUSALS,
        },
    )
    def post(self, request):
        planned = list(
            Service.objects.filter(status=Status.PLANNED, is_illustrative=False)
            .select_related("site", "category")
            .order_by("pk")
        )
        located = [s for s in planned if s.site.geom is not None]
        boundary = turin_boundary()
        edits, left_out = [], [s for s in planned if s.site.geom is None]
        for service in located:
            try:
                edits.append(clean_edit(planned_edit(service), boundary))
            except EditRefused:  # outside Turin or hours the evaluator refuses
                left_out.append(service)
        if not edits:
            sentence = _(
                "The registry has no planned service at a located site (%(n)d planned in all): "
                "place their sites first."
            ) % {"n": len(planned)}
            return Response({"detail": sentence}, status=status.HTTP_400_BAD_REQUEST)
        description = _(
            "The registry's planned services at located sites, as new sites (as of %(date)s)."
        ) % {"date": formats.date_format(timezone.localdate())}
        if left_out:
            description += " " + _("Left out (no location, or not usable): %(names)s.") % {
                "names": "; ".join(s.name for s in left_out)
            }
        with transaction.atomic():
            scenario = Scenario.objects.create(
                name=_("Planned sites"),
                description=description,
                owner=request.user,
                origin=Scenario.Origin.PLANNED,
            )
            _store(scenario, edits[:MAX_EDITS])
        return Response(
            scenario_json(self.get_scenario(scenario.pk), request.user),
            status=status.HTTP_201_CREATED,
        )
