"""Need per category from need profiles, and the gap counted in people, on the real Turin data."""

import pytest
from django.core.management import call_command

from geoplan.access.models import AccessRun, NeedProfile, NeedWeight, ZoneAccess


def night(profile="standard"):
    run = AccessRun.objects.latest_completed(profile)
    return ZoneAccess.objects.filter(run=run, category="night_shelter").select_related("zone")


def test_every_category_has_a_need_profile_with_equal_weights_on_the_five_indicators(db):
    assert NeedProfile.objects.count() == 7
    codes = set(
        NeedWeight.objects.filter(profile__category__code="night_shelter").values_list(
            "indicator__code", flat=True
        )
    )
    assert codes == {
        "foreign_share",
        "over65_share_quartieri",
        "unemployment_rate",
        "low_education_share",
        "renting_share",
    }
    assert set(NeedWeight.objects.values_list("weight", flat=True)) == {1.0}


def test_need_varies_below_the_circoscrizione(db):
    rows = list(night())
    assert len({round(r.need, 3) for r in rows}) >= 60
    # Inside one circoscrizione, zones no longer share one need value.
    by_circ = {}
    for r in rows:
        by_circ.setdefault(r.zone.circoscrizione_id, set()).add(round(r.need, 3))
    assert all(len(values) > 1 for values in by_circ.values())


def test_the_top_ten_hold_at_most_one_tie_and_ties_share_a_rank(db):
    rows = list(night().order_by("gap_rank")[:10])
    ranks = [r.gap_rank for r in rows]
    assert len(ranks) - len(set(ranks)) <= 1
    for r in night():
        same = night().filter(gap_people=r.gap_people).count() if r.gap_people is not None else 1
        assert r.gap_tied == (same > 1)


def test_the_components_are_the_signed_z_scores_of_the_profile(db):
    top = night().order_by("gap_rank").first()
    assert set(top.need_components) == {
        "foreign_share",
        "over65_share_quartieri",
        "unemployment_rate",
        "low_education_share",
        "renting_share",
    }
    # Equal weights: the need index is the mean of its components.
    values = list(top.need_components.values())
    assert top.need == pytest.approx(sum(values) / len(values), abs=1e-5)


def test_the_gap_in_people_is_need_weighted_residents_beyond_15_minutes(db):
    for r in night():
        assert r.residents_beyond == round(r.population * (1 - r.share_within_15))
        assert r.gap_people == pytest.approx(r.need_01 * r.residents_beyond)
        assert r.gap == pytest.approx(r.need_01 * (1 - r.share_within_15))


def test_switching_to_slow_walkers_changes_the_ranking(db):
    standard = [r.zone.code for r in night("standard").order_by("gap_rank")[:10]]
    slow = [r.zone.code for r in night("slow").order_by("gap_rank")[:10]]
    assert standard != slow


def test_a_profile_edited_by_staff_changes_need_in_the_next_run(db, capsys):
    NeedWeight.objects.filter(profile__category__code="night_shelter").exclude(
        indicator__code="unemployment_rate"
    ).update(weight=0)
    call_command("compute_access")
    run = AccessRun.objects.latest_completed()
    assert run.params["need_weights"]["night_shelter"] == {"unemployment_rate": 1.0}
    top = ZoneAccess.objects.filter(run=run, category="night_shelter").order_by("gap_rank").first()
    assert set(top.need_components) == {"unemployment_rate"}
    assert top.need == pytest.approx(top.need_components["unemployment_rate"])
    # Other categories keep their own profile.
    food = ZoneAccess.objects.filter(run=run, category="food_distribution").first()
    assert len(food.need_components) == 5


def test_a_context_figure_cannot_weigh_in_need(db):
    from django.core.exceptions import ValidationError

    from geoplan.territory.models import Indicator

    weight = NeedWeight(
        profile=NeedProfile.objects.get(category__code="night_shelter"),
        indicator=Indicator.objects.get(code="population"),
    )
    with pytest.raises(ValidationError, match="context figure"):
        weight.full_clean()
