"""A grid of candidate points is bounded like a planner's own list (2,000 points): a spacing
whose grid holds more is refused with a sentence naming grid_spacing_m, the count and a spacing
that fits, before any job is queued; the solver refuses it too. Every grid point is inside Turin
as a scenario's site must be."""

import pytest

from geoplan.access.inputs import walk_network
from geoplan.access.siting import MAX_CANDIDATES, grid_candidates, solve_siting
from geoplan.api.params import positions_outside_turin
from geoplan.jobs.models import Job

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("spacing_m", [100, 200])
def test_a_dense_grid_is_refused_naming_its_size_and_a_spacing_that_fits(
    client, planner, spacing_m
):
    n = len(grid_candidates(walk_network(), spacing_m)[0])
    assert n > MAX_CANDIDATES
    client.force_login(planner)
    response = client.post(
        "/api/siting/",
        {"category": "housing_first", "k": 5, "model": "pmedian", "grid_spacing_m": spacing_m},
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    (sentence,) = response.json()["grid_spacing_m"]
    assert sentence.startswith(
        f"grid_spacing_m={spacing_m} places {n:,} candidate points over the city: "
        "at most 2,000 are accepted. Use a wider spacing ("
    )
    wider, fits = sentence.split("(", 1)[1].split(" m places ")
    fits = int(fits.split(")")[0].replace(",", ""))
    assert int(wider) > spacing_m and int(wider) % 10 == 0
    assert fits == len(grid_candidates(walk_network(), int(wider))[0]) <= MAX_CANDIDATES
    assert not Job.objects.filter(kind="siting").exists()


def test_the_default_grid_fits_and_its_points_are_inside_turin(client, planner):
    lon, lat = grid_candidates(walk_network(), 400)
    assert 0 < len(lon) <= MAX_CANDIDATES
    assert (
        positions_outside_turin([{"lon": x, "lat": y} for x, y in zip(lon, lat, strict=True)]) == []
    )
    client.force_login(planner)
    response = client.post(
        "/api/siting/", {"category": "night_shelter", "k": 1}, content_type="application/json"
    )
    assert response.status_code == 202, response.content


def test_the_solver_refuses_a_dense_grid_too():
    with pytest.raises(ValueError, match="grid_spacing_m=150 places .* candidate points"):
        solve_siting(category="housing_first", k=5, model="pmedian", grid_spacing_m=150)
