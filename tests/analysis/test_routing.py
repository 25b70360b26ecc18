"""Snapping and walking costs on hand-made networks whose answers are known exactly."""

import numpy as np
import pytest

from geoplan.analysis.routing import (
    SLOW_SPEED_KMH,
    Snapped,
    cost_table,
    m_from_minutes,
    minutes_from_m,
    nearest_m,
    snap_points,
    walk_distance_m,
)
from tests.analysis.factories import hand_network, local_lonlat, node_index

# A street of three nodes, 1 km apart: A(0) - B(1000) - C(2000), metres east of the origin.
LINE = hand_network({1: (0, 0), 2: (1000, 0), 3: (2000, 0)}, [(1, 2, 1000.0), (2, 3, 1000.0)])


def snap(xy):
    return snap_points(LINE, *local_lonlat(xy))


def test_it_snaps_to_the_nearest_node_and_measures_the_leg_in_metres():
    s = snap([(30, 40), (1990, -5)])
    assert list(s.node) == [node_index(LINE, 1), node_index(LINE, 3)]
    np.testing.assert_allclose(s.snap_m, [50.0, np.hypot(10, 5)], atol=1e-6)


def test_it_counts_the_snap_leg_of_both_ends():
    (lon1, lon2), (lat1, lat2) = local_lonlat([(0, -30), (2000, 40)])
    walk = walk_distance_m(LINE, lon1, lat1, lon2, lat2)
    assert walk == pytest.approx(30.0 + 2000.0 + 40.0, abs=1e-6)


def test_each_site_carries_its_own_snap_leg():
    cell = snap([(1000, 0)])
    near_a = snap([(0, -400)])  # 400 m from A, so 1400 m from the cell
    near_c = snap([(2000, -10)])  # 10 m from C, so 1010 m from the cell
    both = Snapped(np.r_[near_a.node, near_c.node], np.r_[near_a.snap_m, near_c.snap_m])
    walk_m, which = nearest_m(LINE, both, cell, return_source=True)
    assert walk_m[0] == pytest.approx(1010.0, abs=1e-6) and which[0] == 1

    far_c = snap([(2000, -450)])  # now C's site is 1450 m away: A's wins
    both = Snapped(np.r_[near_a.node, far_c.node], np.r_[near_a.snap_m, far_c.snap_m])
    walk_m, which = nearest_m(LINE, both, cell, return_source=True)
    assert walk_m[0] == pytest.approx(1400.0, abs=1e-6) and which[0] == 0


def test_a_site_exactly_on_a_node_has_a_zero_leg():
    site = Snapped(np.array([node_index(LINE, 1)]), np.array([0.0]))
    walk_m = nearest_m(LINE, site, snap([(2000, 0), (0, 0)]))
    np.testing.assert_allclose(walk_m, [2000.0, 0.0], atol=1e-6)


def test_two_sites_on_one_node_report_the_closer_one():
    sites = Snapped(np.array([0, 0]), np.array([80.0, 20.0]))
    walk_m, which = nearest_m(
        LINE, sites, Snapped(np.array([2]), np.array([5.0])), return_source=True
    )
    assert walk_m[0] == pytest.approx(2025.0) and which[0] == 1


def test_a_limit_leaves_far_points_unreached():
    sites = snap([(0, 0)])
    walk_m, which = nearest_m(
        LINE, sites, snap([(1000, 10), (2000, 0)]), 1200.0, return_source=True
    )
    assert walk_m[0] == pytest.approx(1010.0) and which[0] == 0
    assert np.isinf(walk_m[1]) and which[1] == -1


def test_no_site_means_infinitely_far():
    none = Snapped(np.zeros(0, dtype=np.int64), np.zeros(0))
    walk_m, which = nearest_m(LINE, none, snap([(0, 0)]), return_source=True)
    assert np.isinf(walk_m).all() and (which == -1).all()


def test_the_cost_table_lists_every_pair_within_the_bound():
    sites = snap([(0, -10), (2000, 20)])
    cells = snap([(0, 0), (1000, 5), (2000, 0)])
    table = cost_table(LINE, sites, cells, max_m=1100.0)
    got = {(r.source, r.point): r.walk_m for r in table.itertuples()}
    expected = {(0, 0): 10.0, (0, 1): 1015.0, (1, 1): 1025.0, (1, 2): 20.0}
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert got[key] == pytest.approx(value, abs=1e-6)


def test_minutes_follow_the_walking_speed():
    assert minutes_from_m(4500.0) == pytest.approx(60.0)
    assert minutes_from_m(1000.0, SLOW_SPEED_KMH) == pytest.approx(20.0)
    assert m_from_minutes(15.0) == pytest.approx(1125.0)
    assert np.isinf(minutes_from_m(np.inf))
