"""On Turin: without a run to stand on, or on a run of another network, the siting refuses with
a sentence instead of answering from stale data."""

import pytest

from geoplan.access.models import AccessRun
from geoplan.access.siting import solve_siting


@pytest.mark.django_db
def test_no_completed_run_of_the_profile_is_refused():
    AccessRun.objects.filter(profile="slow").delete()
    with pytest.raises(ValueError, match="no completed accessibility run"):
        solve_siting(category="night_shelter", k=1, profile="slow")


@pytest.mark.django_db
def test_a_run_on_another_network_is_refused():
    AccessRun.objects.filter(profile="standard").update(network_hash="another")
    with pytest.raises(ValueError, match="walking network changed"):
        solve_siting(category="night_shelter", k=1)


@pytest.mark.django_db
def test_a_grid_too_coarse_for_any_candidate_is_refused():
    with pytest.raises(ValueError, match="no candidate"):
        solve_siting(category="night_shelter", k=1, grid_spacing_m=100_000)


@pytest.mark.django_db
def test_an_unknown_category_or_model_is_refused():
    with pytest.raises(ValueError, match="no results for the category"):
        solve_siting(category="space_station", k=1)
    with pytest.raises(ValueError, match="model must be one of"):
        solve_siting(category="night_shelter", k=1, model="pcenter")
