"""axe-core finds no serious or critical problem in the workspace's controls, ranked gap table
and need weights (the table sorted and filtered, the weights moved)."""

import pytest

from .axe import serious_violations
from .helpers import open_map

pytestmark = pytest.mark.browser


def test_the_controls_the_gap_table_and_the_weights_pass_axe(page, site_url):
    open_map(page, site_url)
    page.click("#gap-table thead button.sort[data-key=gap]")
    page.select_option("#gap-circ", "2")
    page.fill("#weight-renting_share", "2.5")
    for part in ("#category", "#profile", "#threshold", ".gap-section", ".need-weights"):
        assert serious_violations(page, part) == [], part
    assert page.js_errors == []
