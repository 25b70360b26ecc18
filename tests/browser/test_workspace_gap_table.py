"""The ranked gap table: every zone, sortable by each column (aria-sort says how), filtered by
circoscrizione, following the threshold, a row opening its zone; on a phone it scrolls sideways
in its own box."""

import re

import pytest

from tests.maps.need_reference import rank_labels, recompute

from .helpers import open_map

pytestmark = pytest.mark.browser

# Column keys in the table's order, and how each cell is read back as a value.
NUMERIC = {"rank", "gap", "need01", "share", "meanMin", "population"}


def column(page, key):
    """The cells of one column, read as numbers (None for "–") or text, top to bottom."""
    return page.evaluate(
        """(key) => {
        const keys = [...document.querySelectorAll('#gap-table thead th')].map(th => th.dataset.key);
        const i = keys.indexOf(key);
        return [...document.querySelectorAll('#gap-table tbody tr')].map(tr => tr.children[i].innerText.trim());
        }""",
        key,
    )


def as_number(text):
    cleaned = text.replace(",", "").replace("%", "").replace("=", "")
    return None if cleaned in ("–", "") else float(cleaned)


def sort_by(page, key):
    page.click(f"#gap-table thead button.sort[data-key={key}]")
    return page.get_attribute(f"#gap-table thead th[data-key={key}]", "aria-sort")


def assert_sorted(page, key, direction):
    values = column(page, key)
    if key in NUMERIC:
        values = [as_number(v) for v in values]
        known = [v for v in values if v is not None]
        # Zones without a value (none here, but the rule holds) come last.
        assert values[: len(known)] == known
    else:
        # Codes in their natural order: 09, 09bis, 10.
        codes = values if key != "zone" else [v.split(" ", 1)[0] for v in values]
        known = [(int(re.match(r"\d+", c).group()), c) for c in codes]
    assert known == sorted(known, reverse=direction == "descending"), (key, direction)


def test_each_column_sorts_both_ways_and_says_so(page, site_url):
    open_map(page, site_url)
    assert page.get_attribute("#gap-table thead th[data-key=rank]", "aria-sort") == "ascending"
    keys = page.locator("#gap-table thead th").evaluate_all("els => els.map(e => e.dataset.key)")
    assert set(keys) == NUMERIC | {"zone", "circoscrizione"}
    for key in keys:
        first = sort_by(page, key)
        second = sort_by(page, key)
        assert {first, second} == {"ascending", "descending"}
        # Only the sorted column says it is sorted.
        assert page.locator("#gap-table thead th[aria-sort]").count() == 1
        assert_sorted(page, key, second)
        assert_sorted(page, key, sort_by(page, key))
    assert page.locator("#gap-table tbody tr").count() == 94
    assert page.js_errors == []


def test_the_filter_keeps_one_circoscrizione_with_its_city_wide_ranks(page, site_url):
    open_map(page, site_url)
    every = dict(
        page.locator("#gap-table tbody tr").evaluate_all(
            "rows => rows.map(r => [r.dataset.zone, r.dataset.rank])"
        )
    )
    options = page.locator("#gap-circ option").evaluate_all("els => els.map(e => e.value)")
    assert options == ["", "1", "2", "3", "4", "5", "6", "7", "8"]
    page.select_option("#gap-circ", "3")
    rows = page.locator("#gap-table tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.zone, r.dataset.rank])"
    )
    answer = page.request.get(site_url + "/api/need-profiles/night_shelter/").json()
    in_three = [z["zone"] for z in answer["zones"] if z["circoscrizione"] == "3"]
    assert sorted(zone for zone, _rank in rows) == sorted(in_three)
    assert all(every[zone] == rank for zone, rank in rows)
    assert set(column(page, "circoscrizione")) == {"3"}
    assert page.inner_text("#gap-count") == f"{len(in_three)} of 94 zones"
    # Sorting keeps the filter; a row opens its zone.
    sort_by(page, "population")
    assert page.locator("#gap-table tbody tr").count() == len(in_three)
    zone = page.get_attribute("#gap-table tbody tr:first-child", "data-zone")
    page.click("#gap-table tbody tr:first-child td.num >> nth=0")
    page.wait_for_function(
        "z => document.getElementById('zone-panel').dataset.zone === z && "
        "document.getElementById('zone-panel-title')",
        arg=zone,
    )
    assert page.inner_text("#zone-panel-title").startswith(zone)
    page.select_option("#gap-circ", "")
    assert page.locator("#gap-table tbody tr").count() == 94
    assert page.js_errors == []


@pytest.mark.parametrize("threshold", ["10", "20"])
def test_the_table_follows_the_threshold(page, site_url, threshold):
    open_map(page, site_url)
    page.select_option("#threshold", threshold)
    assert f"Within {threshold} min" in page.inner_text("#gap-table thead")
    assert f"beyond {threshold} min" in page.inner_text("#gap-table thead")
    answer = page.request.get(site_url + "/api/need-profiles/night_shelter/").json()
    weights = {i["code"]: i["weight"] for i in answer["indicators"]}
    _need, _pct, gaps, ranks = recompute(answer, weights, threshold)
    labels = rank_labels(ranks)
    rows = page.locator("#gap-table tbody tr").evaluate_all(
        "rows => rows.map(r => [r.dataset.zone, r.dataset.rank])"
    )
    assert dict(rows) == labels
    expected = sorted(answer["zones"], key=lambda z: (ranks[z["zone"]], z["zone"]))
    assert [zone for zone, _ in rows] == [z["zone"] for z in expected]
    # Written rounded (halves away from zero, unlike Python's round).
    shares = [as_number(v) for v in column(page, "share")]
    for shown, zone in zip(shares, expected, strict=True):
        assert abs(shown - zone["share_within"][threshold] * 100) <= 0.5
    gap_cells = [as_number(v) for v in column(page, "gap")]
    for shown, zone in zip(gap_cells, expected, strict=True):
        assert abs(shown - gaps[zone["zone"]]) <= 0.5
    # The 15-minute ranks differ: the threshold changed the ranking, not only the labels.
    assert [zone for zone, _ in rows] != [
        z["zone"] for z in sorted(answer["zones"], key=lambda z: (z["gap_rank"], z["zone"]))
    ]
    assert page.js_errors == []


def test_on_a_phone_the_table_scrolls_sideways_in_its_box(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    context.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    try:
        open_map(page, site_url)
        box = page.locator(".gap-box")
        sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
        assert sizes[0] > sizes[1]
        assert box.bounding_box()["width"] <= 390
        # The page itself does not scroll sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        assert box.evaluate("b => b.scrollLeft") > 0
    finally:
        context.close()
