"""Printed figures are rounded as the workspace rounds them, not cut off."""

from django.utils import translation

from geoplan.planning.figures import n, signed


def test_a_figure_is_rounded_to_its_digits():
    with translation.override("en"):
        assert n(196.76) == "197"
        assert signed(-0.573, 1) == "-0.6"
        assert signed(196.76) == "+197"
        assert n(2449.6) == "2,450"
        assert n(None) == "–"


def test_italian_groups_thousands_with_a_point():
    with translation.override("it"):
        assert n(270715.4) == "270.715"
