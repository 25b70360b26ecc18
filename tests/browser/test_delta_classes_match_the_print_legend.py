"""The delta classes of the workspace and the comparison page (static/js/plan/delta-classes.js,
run here in the browser) and those of the print layout (geoplan.planning.legend_classes) are
one algorithm: for the same changes, the same step, the same colours and the same class for
every change, changes under one person included."""

import pytest

from geoplan.planning.legend_classes import DIVERGING, colour, delta_step, diverging

pytestmark = pytest.mark.browser

CHANGE_SETS = [
    [],
    [0.3],
    [0.7, -0.2],
    [2.9, -1],
    [3.3],
    [-17, 4],
    [250, -12.5, 0],
    [1501, None],
]
PROBES = [-3000, -1000.5, -1000, -20, -10, -9.99, -2, -1, -0.5, -0.49, 0, 0.49, 0.5, 0.99]
PROBES += [1, 1.99, 2, 5, 9.99, 10, 20, 500, 999.5, 1000, 2999, None]

IN_THE_BROWSER = """async ([sets, probes]) => {
  const m = await import("/static/js/plan/delta-classes.js");
  return {
    colours: m.DELTA_COLORS,
    sets: sets.map((values) => {
      const classes = m.deltaClasses(values);
      return { step: classes.step, colours: probes.map((v) => m.deltaColor(v, classes)) };
    }),
  };
}"""


def test_the_browser_and_the_print_layout_class_changes_alike(page, site_url):
    page.goto(f"{site_url}/static/js/plan/delta-classes.js")
    answer = page.evaluate(IN_THE_BROWSER, [CHANGE_SETS, PROBES])
    assert tuple(answer["colours"]) == DIVERGING
    for values, got in zip(CHANGE_SETS, answer["sets"], strict=True):
        sizes = [abs(v) for v in values if v is not None]
        assert got["step"] == delta_step(max(sizes, default=0)), values
        classes = diverging(values)
        assert got["colours"] == [colour(v, classes) for v in PROBES], values
    assert page.js_errors == []
