"""The print layout's classes of a change are those of the workspace and the comparison page
(static/js/plan/delta-classes.js): seven classes by the size of the change, the step a third of
the largest change rounded up to 1, 2 or 5 times a power of ten and never under one person, so
that changes under one person still make ordered classes with whole-number labels."""

import math

import pytest

from geoplan.planning.legend_classes import DIVERGING, colour, delta_step, diverging


@pytest.mark.parametrize(
    ("largest", "step"),
    [
        (0, 1),
        (0.4, 1),
        (0.9, 1),
        (3, 1),
        (3.3, 2),
        (6, 2),
        (6.1, 5),
        (15, 5),
        (15.1, 10),
        (300, 100),
        (301, 200),
        (1500, 500),
        (1501, 1000),
    ],
)
def test_the_step_is_a_third_of_the_largest_change_rounded_up(largest, step):
    assert delta_step(largest) == step


@pytest.mark.parametrize(
    ("value", "index"),
    [
        (-30, 0),
        (-20, 0),
        (-19.9, 1),
        (-10, 1),
        (-9.9, 2),
        (-0.5, 2),
        (-0.49, 3),
        (0, 3),
        (0.49, 3),
        (0.5, 4),
        (9.99, 4),
        (10, 5),
        (19.99, 5),
        (20, 6),
        (30, 6),
    ],
)
def test_each_change_falls_in_its_class(value, index):
    classes = diverging([30, -4, None, 0.2])  # step 10
    assert colour(value, classes) == DIVERGING[index]


def test_the_labels_read_in_people():
    labels = [c.label for c in diverging([-30, 12])]
    assert labels == [
        "at least 20 fewer",
        "10 to 20 fewer",
        "up to 10 fewer",
        "no change",
        "up to 10 more",
        "10 to 20 more",
        "at least 20 more",
    ]


@pytest.mark.parametrize("values", [[0.7, -0.3], [0.2], [], [None]])
def test_changes_under_one_person_still_make_ordered_classes(values):
    classes = diverging(values)
    assert len(classes) == 7
    assert all(c.low < c.high for c in classes)
    assert all(a.high == b.low for a, b in zip(classes, classes[1:], strict=False))
    assert classes[0].low == -math.inf and classes[-1].high == math.inf
    assert [c.label for c in classes][1:3] == ["1 to 2 fewer", "up to 1 fewer"]
    assert all(" 0 " not in f" {c.label} " for c in classes)
