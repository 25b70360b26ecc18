"""The server-drawn line charts: a missing value breaks the line, a lone value is a dot, every
text is escaped, the y axis covers every value and stays at or above its floor, and the chart
carries a title, a description and a viewBox to scale with its box."""

import re
from datetime import UTC, datetime, timedelta

from geoplan.planning.charts import line_chart, nice_ticks

T0 = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def draw(values, **kw):
    points = [(T0 + timedelta(days=i), v) for i, v in enumerate(values)]
    return line_chart(
        points,
        chart_id="c1",
        title=kw.get("title", "Share"),
        desc=kw.get("desc", "Some values"),
        value_text=lambda v: f"{v:.1f}",
        tick_text=lambda v, step: f"{v:g}",
        date_text=lambda when, span: when.strftime("%d/%m"),
        empty_text="no site yet",
        floor=kw.get("floor"),
    )


def test_a_missing_value_breaks_the_line():
    svg = draw([1.0, 2.0, None, 3.0, 4.0])
    assert svg.count('<path class="line"') == 2
    assert svg.count("<circle") == 4


def test_a_lone_value_is_a_dot_with_no_line():
    svg = draw([5.0])
    assert svg.count("<circle") == 1 and "<path" not in svg
    svg = draw([1.0, None, 2.0])
    assert svg.count("<circle") == 2 and "<path" not in svg


def test_no_value_at_all_says_so():
    svg = draw([None, None])
    assert "<circle" not in svg and "no site yet" in svg


def test_texts_are_escaped_and_the_chart_describes_itself():
    svg = draw([1.0, 2.0], title="<b>A & B</b>", desc='"quoted"')
    assert "<b>" not in svg and "&lt;b&gt;A &amp; B&lt;/b&gt;" in svg
    assert re.search(r'<svg [^>]*viewBox="0 0 \d+ \d+"[^>]*width="100%"', svg)
    assert 'role="img"' in svg and 'aria-labelledby="chart-c1-title chart-c1-desc"' in svg
    assert '<desc id="chart-c1-desc">&quot;quoted&quot;</desc>' in svg


def test_dates_label_the_x_axis_and_values_are_written():
    svg = draw([1.0, 2.0, 3.0])
    assert ">30/11<" in svg and ">02/12<" in svg
    assert ">1.0<" in svg and ">3.0<" in svg


def test_the_ticks_cover_the_values_and_respect_the_floor():
    for low, high in [(0.288, 0.314), (405357, 405357), (0, 0), (3, 97), (0.01, 0.02)]:
        ticks = nice_ticks(low, high, floor=0.0)
        assert ticks[0] <= low and ticks[-1] >= high and ticks[0] >= 0
        steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
        assert len(steps) == 1
    assert min(nice_ticks(-5, 5)) <= -5


def test_values_equal_but_for_rounding_noise_get_distinct_ticks():
    # Two runs from unchanged inputs: the same Gini up to its last digits.
    ticks = nice_ticks(0.2914668460447458, 0.29146684604474604, floor=0.0)
    assert len(set(ticks)) == len(ticks) >= 2
    assert ticks[0] <= 0.2914668460447458 <= ticks[-1]
