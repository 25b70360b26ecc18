"""The body of an optimal-siting request (POST /api/siting/), JSON or multipart with a file of
candidate points, and the answer that starts its job. Every refusal is a sentence that names
the field (and, for candidate points, their positions or the file's lines)."""

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers

from geoplan.access.inputs import walk_network
from geoplan.access.models import Profile
from geoplan.access.siting import COORD_DECIMALS, grid_refusal
from geoplan.planning.candidates import (
    MAX_CANDIDATES,
    MAX_FILE_BYTES,
    MAX_NAME_CHARS,
    CandidatesFileError,
    read_candidates,
    too_large,
)
from geoplan.territory.models import City

from .access_answers import JobSerializer
from .answers import CategoryCodeField
from .params import positions_outside_turin, unknown_category

MODELS = {
    "mclp": gettext_lazy("maximal covering (MCLP): the most need-weighted residents newly covered"),
    "pmedian": gettext_lazy("p-median: the least need-weighted walking time"),
    "setcover": gettext_lazy(
        "set covering: the fewest sites (up to k) that cover coverage_target percent of the "
        "need-weighted residents"
    ),
}
FILE_HELP = gettext_lazy(
    "A CSV (UTF-8; header with lon and lat, optional capacity and name) or a GeoJSON "
    "FeatureCollection of points (EPSG:4326, optional properties capacity and name); at most "
    "2 MB and 2,000 points."
)


def _messages(sentence, required=None) -> dict:
    """Every way a value can be refused, answered by one sentence that names the field."""
    keys = ("invalid", "min_value", "max_value", "null", "blank", "max_string_length")
    return {key: sentence for key in keys} | {"required": required or sentence}


class SitingCandidateSerializer(serializers.Serializer):
    lon = serializers.FloatField(
        min_value=-180,
        max_value=180,
        help_text=gettext_lazy("Longitude, EPSG:4326."),
        error_messages=_messages(gettext_lazy("lon must be a longitude in degrees (EPSG:4326).")),
    )
    lat = serializers.FloatField(
        min_value=-90,
        max_value=90,
        help_text=gettext_lazy("Latitude, EPSG:4326."),
        error_messages=_messages(gettext_lazy("lat must be a latitude in degrees (EPSG:4326).")),
    )
    capacity = serializers.FloatField(
        required=False,
        allow_null=True,
        min_value=0,
        help_text=gettext_lazy(
            "Residents the site can serve within threshold_min, if known: a limit on whom it "
            "covers, not beds, meals or places."
        ),
        error_messages=_messages(gettext_lazy("capacity must be a number, 0 or more.")),
    )
    name = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=MAX_NAME_CHARS,
        error_messages=_messages(gettext_lazy("name must be text of at most 200 characters.")),
    )


class SitingRequestSerializer(serializers.Serializer):
    """What to site, where, by which model: the JSON body."""

    category = CategoryCodeField(
        help_text=gettext_lazy("The category of the new sites (see /api/categories/)."),
        error_messages=_messages(
            gettext_lazy("category must be a category's code (see /api/categories/)."),
            required=gettext_lazy("category is required: the category of the new sites."),
        ),
    )
    k = serializers.IntegerField(
        min_value=1,
        max_value=50,
        help_text=gettext_lazy(
            "How many new sites to choose (set cover: at most this many), 1 to 50."
        ),
        error_messages=_messages(gettext_lazy("k must be a whole number from 1 to 50.")),
    )
    threshold_min = serializers.IntegerField(
        min_value=5,
        max_value=30,
        default=15,
        help_text=gettext_lazy("A resident is covered within this many minutes on foot, 5 to 30."),
        error_messages=_messages(
            gettext_lazy("threshold_min must be a whole number of minutes from 5 to 30.")
        ),
    )
    profile = serializers.ChoiceField(
        choices=Profile.choices,
        default=Profile.STANDARD,
        help_text=gettext_lazy("Walking profile: standard (4.5 km/h) or slow (3.0 km/h)."),
        error_messages=_messages(gettext_lazy("profile must be standard or slow."))
        | {"invalid_choice": gettext_lazy("Unknown profile {input!r}: use standard or slow.")},
    )
    model = serializers.ChoiceField(
        choices=list(MODELS),
        default="mclp",
        help_text=gettext_lazy(
            "mclp: maximal covering, the most need-weighted residents covered; pmedian: "
            "p-median, the least need-weighted walking time; setcover: set covering, the fewest "
            "sites reaching coverage_target."
        ),
        error_messages=_messages(gettext_lazy("model must be mclp, pmedian or setcover."))
        | {
            "invalid_choice": gettext_lazy(
                "Unknown model {input!r}: use mclp, pmedian or setcover."
            )
        },
    )
    coverage_target = serializers.FloatField(
        min_value=1,
        max_value=100,
        default=90.0,
        help_text=gettext_lazy(
            "Set cover: the percent of need-weighted residents to bring within threshold_min."
        ),
        error_messages=_messages(
            gettext_lazy("coverage_target must be a percentage from 1 to 100.")
        ),
    )
    grid_spacing_m = serializers.IntegerField(
        min_value=100,
        max_value=2000,
        default=400,
        help_text=gettext_lazy(
            "Without candidates: the spacing in metres of the grid of candidate points over "
            "the city, 100 to 2000; a spacing whose grid holds more than 2,000 points is "
            "refused (the narrowest that fits is about 250 m)."
        ),
        error_messages=_messages(
            gettext_lazy("grid_spacing_m must be a whole number of metres from 100 to 2000.")
        ),
    )
    time_limit_s = serializers.FloatField(
        min_value=1,
        max_value=60,
        default=10.0,
        help_text=gettext_lazy(
            "Seconds the solver may use, 1 to 60; past them it answers with its best so far."
        ),
        error_messages=_messages(
            gettext_lazy("time_limit_s must be a number of seconds from 1 to 60.")
        ),
    )
    candidates = SitingCandidateSerializer(
        many=True,
        required=False,
        allow_empty=False,
        max_length=MAX_CANDIDATES,
        help_text=gettext_lazy(
            "Candidate points to choose from (at most 2,000, inside Turin); without them, a "
            "grid over the city."
        ),
        error_messages={
            "max_length": gettext_lazy("candidates: at most {max_length} points are accepted."),
            "empty": gettext_lazy("candidates is empty: give points or leave it out."),
            "null": gettext_lazy("candidates may not be null: give points or leave it out."),
            "not_a_list": gettext_lazy(
                'candidates must be a list of points like {{"lon": 7.68, "lat": 45.07}}.'
            ),
        },
    )

    def validate_category(self, code):
        problem = unknown_category(code)
        if problem:
            raise serializers.ValidationError(problem)
        return code

    def validate_candidates(self, points):
        points = rounded(points)
        outside = positions_outside_turin(points)
        if outside:
            raise serializers.ValidationError(
                _("Candidate points must be inside the City of Turin: %(where)s are not.")
                % {"where": ", ".join(map(str, outside))}
            )
        return points

    def validate(self, attrs):
        if not attrs.get("candidates"):
            try:
                problem = grid_refusal(walk_network(), attrs["grid_spacing_m"])
            except City.DoesNotExist:
                raise serializers.ValidationError(
                    _("The city boundary is not loaded yet: run `manage.py load_territory` first.")
                ) from None
            if problem:
                raise serializers.ValidationError({"grid_spacing_m": problem})
        attrs.setdefault("candidates_source", "request" if attrs.get("candidates") else "grid")
        return attrs


def rounded(points: list) -> list:
    """The points with lon and lat to the decimals the siting walks from (about 10 cm), so that
    the point checked inside Turin is the point a scenario saves."""
    return [
        {
            **p,
            "lon": round(float(p["lon"]), COORD_DECIMALS),
            "lat": round(float(p["lat"]), COORD_DECIMALS),
        }
        for p in points
    ]


class SitingUploadSerializer(SitingRequestSerializer):
    """The body with a file of candidate points instead of a list (multipart/form-data)."""

    candidates_file = serializers.FileField(
        required=False,
        allow_empty_file=True,
        help_text=FILE_HELP,
        error_messages=_messages(gettext_lazy("candidates_file must be an uploaded file.")),
    )

    def validate_candidates_file(self, upload):
        if upload is None:
            return None
        problem = too_large(upload.size)
        if problem:
            raise serializers.ValidationError(problem)
        try:
            points = read_candidates(upload.name or "", upload.read(MAX_FILE_BYTES + 1))
        except CandidatesFileError as exc:
            raise serializers.ValidationError(exc.problems) from exc
        as_json = rounded([p.as_json() for p in points])
        outside = positions_outside_turin(as_json)
        if outside:
            raise serializers.ValidationError(
                [
                    _("%(where)s (%(lon).5f, %(lat).5f) is outside the City of Turin.")
                    % {
                        "where": points[i - 1].where,
                        "lon": points[i - 1].lon,
                        "lat": points[i - 1].lat,
                    }
                    for i in outside[:30]
                ]
                + (
                    [_("... and %(n)d more points outside it.") % {"n": len(outside) - 30}]
                    if len(outside) > 30
                    else []
                )
            )
        return as_json

    def validate(self, attrs):
        if attrs.get("candidates") and attrs.get("candidates_file"):
            raise serializers.ValidationError(
                {"candidates_file": _("Send either candidates or candidates_file, not both.")}
            )
        if attrs.get("candidates_file"):
            attrs["candidates"] = attrs.pop("candidates_file")
            attrs["candidates_source"] = self.initial_data["candidates_file"].name
        else:
            attrs.pop("candidates_file", None)
        return super().validate(attrs)


class SitingMultipartSerializer(SitingUploadSerializer):
    """The same request as a form (multipart/form-data): the JSON body's fields, defaults and
    refusals as form fields (an empty field counts as left out), candidate points as JSON text
    or as a file."""

    candidates = serializers.CharField(
        required=False,
        help_text=gettext_lazy(
            'Candidate points as JSON text, as in the JSON body: [{"lon": 7.68, "lat": 45.07}] '
            "(at most 2,000, inside Turin); without them (or a file), a grid over the city."
        ),
        error_messages=_messages(
            gettext_lazy(
                'candidates must be JSON text: a list of points like [{"lon": 7.68, "lat": 45.07}].'
            )
        ),
    )

    def validate_candidates(self, text):
        try:
            points = json.loads(text)
        except ValueError:
            raise serializers.ValidationError(
                _(
                    'candidates must be JSON text: a list of points like [{"lon": 7.68, '
                    '"lat": 45.07}].'
                )
            ) from None
        # Read as the JSON body reads its list: the same points, limits and sentences.
        points = SitingRequestSerializer().fields["candidates"].run_validation(points)
        return super().validate_candidates(points)


class SitingJobSerializer(serializers.Serializer):
    """The job that computes the answer (follow it at job.url); its result, once succeeded:
    model, category, k, threshold_min, profile, sites, residents and need-weighted residents
    covered before and after, greedy (the same for a greedy choice), gap, status (optimal;
    time_limit: the best found, see gap; greedy_fallback: the greedy answer; set covering
    whose target no k sites reach: target_not_met, the k covering the most, or
    target_not_met_time_limit, the best k found in time), objective, seconds, candidates,
    unreachable_need_weighted, scenario."""

    job = JobSerializer()


class SitingPendingSerializer(serializers.Serializer):
    """The planner's siting job still queued or running, which a new request must wait for."""

    detail = serializers.CharField()
    job = JobSerializer()
