"""On Turin: the p-median and the set cover answer too, and the work reports its progress."""

import pytest

from geoplan.access.models import AccessCellZone, AccessRun, ZoneAccess
from geoplan.access.siting import solve_siting


@pytest.mark.django_db
def test_set_cover_reaches_its_target_with_as_few_sites_as_it_can():
    answer = solve_siting(category="housing_first", k=None, model="setcover", coverage_target=20.0)
    run = AccessRun.objects.latest_completed("standard")
    need = dict(
        ZoneAccess.objects.filter(run=run, category="housing_first").values_list(
            "zone_id", "need_01"
        )
    )
    total = sum(
        population * need[zone]
        for zone, population in AccessCellZone.objects.filter(cell__run=run).values_list(
            "zone_id", "population"
        )
    )
    assert answer["need_weighted_covered_before"] == 0  # no Housing First site yet
    assert answer["target_met"] and answer["coverage_target"] == pytest.approx(20.0)
    assert answer["need_weighted_covered_after"] >= 0.2 * total * (1 - 1e-9)
    assert answer["objective"] == len(answer["sites"]) <= len(answer["greedy"]["sites"])
    assert answer["unreachable_need_weighted"] >= 0


@pytest.mark.django_db
def test_p_median_brings_residents_closer_and_reports_progress():
    seen = []
    answer = solve_siting(
        category="night_shelter", k=2, model="pmedian", progress=lambda p, m: seen.append((p, m))
    )
    assert answer["status"] in ("optimal", "time_limit")
    assert len(answer["sites"]) == 2
    assert answer["need_weighted_covered_after"] >= answer["need_weighted_covered_before"]
    percents = [p for p, _m in seen]
    assert percents == sorted(percents) and percents[-1] == 100
    assert all(isinstance(m, str) and m for _p, m in seen)
