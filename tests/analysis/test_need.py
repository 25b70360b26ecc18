"""Need index (signed z-scores, weights, missing values) and gap score."""

import numpy as np
import pandas as pd
import pytest

from geoplan.analysis.need import Indicator, gap_scores, need_index

INDICATORS = pd.DataFrame(
    {"over65_pct": [10.0, 20.0, 30.0], "income": [30.0, 20.0, 10.0]},
    index=pd.Index(["01", "02", "03"], name="zone_code"),
)


def test_indicators_are_signed_so_that_higher_means_more_need():
    need = need_index(INDICATORS, [Indicator("over65_pct"), Indicator("income", False)])
    z = np.array([-1, 0, 1]) * np.sqrt(1.5)
    np.testing.assert_allclose(need["z_over65_pct"], z)
    np.testing.assert_allclose(need["z_income"], z)  # low income = more need
    np.testing.assert_allclose(need["need"], z)
    assert need["need_01"].tolist() == pytest.approx([1 / 3, 2 / 3, 1.0])


def test_weights_change_the_composite():
    frame = INDICATORS.assign(other=[3.0, 1.0, 2.0])
    need = need_index(frame, [Indicator("over65_pct", weight=3.0), Indicator("other", weight=1.0)])
    expected = (3 * need["z_over65_pct"] + need["z_other"]) / 4
    np.testing.assert_allclose(need["need"], expected)


def test_a_missing_indicator_is_left_out_for_that_zone_only():
    frame = INDICATORS.copy()
    frame.loc["02", "income"] = np.nan
    need = need_index(frame, [Indicator("over65_pct"), Indicator("income", False)])
    assert need.loc["02", "n_indicators"] == 1
    assert need.loc["02", "need"] == pytest.approx(need.loc["02", "z_over65_pct"])
    frame.loc["02", "over65_pct"] = np.nan
    assert np.isnan(need_index(frame, [Indicator("over65_pct")]).loc["02", "need"])


def test_the_least_needy_zone_still_has_a_gap_when_nobody_can_walk_to_help():
    need = need_index(INDICATORS, [Indicator("over65_pct")])
    gap = gap_scores(need["need_01"], pd.Series(0.0, index=INDICATORS.index))
    assert (gap["gap"] > 0).all()
    assert gap.loc["03", "gap_rank"] == 1 and gap.loc["01", "gap_rank"] == 3


def test_a_constant_indicator_carries_no_information():
    need = need_index(INDICATORS.assign(flat=5.0), [Indicator("flat")])
    assert (need["z_flat"] == 0).all() and (need["need_01"] == 1).all()


def test_the_gap_is_need_times_lack_of_access_ranked_worst_first():
    need_01 = pd.Series([1.0, 0.5, 0.0, 0.8], index=["01", "02", "03", "04"])
    share = pd.Series([0.5, 0.0, 0.0, np.nan], index=["01", "02", "03", "04"])
    gap = gap_scores(need_01, share)
    assert gap["gap"].tolist()[:3] == [0.5, 0.5, 0.0]
    assert gap["gap_rank"].tolist()[:3] == [1, 1, 3]
    assert pd.isna(gap.loc["04", "gap_rank"])


def test_equal_gaps_share_a_rank_and_are_flagged_as_tied():
    from geoplan.analysis.need import tied_ranks

    rank, tied = tied_ranks(pd.Series({"a": 5.0, "b": 9.0, "c": 5.0, "d": 1.0, "e": np.nan}))
    assert rank.tolist() == [2, 1, 2, 4, pd.NA]
    assert tied.tolist() == [True, False, True, False, False]


def test_the_gap_in_people_weighs_residents_beyond_the_threshold_by_need():
    need_01 = pd.Series({"park": 1.0, "district": 0.5})
    share = pd.Series({"park": 0.0, "district": 0.0})
    population = pd.Series({"park": 524, "district": 18_000})
    out = gap_scores(need_01, share, population)
    # The intensity says the park is worse; counted in people the district is.
    assert out.loc["park", "gap"] > out.loc["district", "gap"]
    assert out.loc["district", "gap_people"] == 9_000 and out.loc["park", "gap_people"] == 524
    assert out.loc["district", "gap_rank"] == 1 and out.loc["park", "gap_rank"] == 2
