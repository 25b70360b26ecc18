"""The city's summary above the gap table is written in the page's language: its words from the
translated pattern the server sends, its numbers as Italian writes them on an Italian page
(23,4 and 0,29), whatever the browser's own language."""

import json

import pytest

from .helpers import open_map

pytestmark = pytest.mark.browser


def italian(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".replace(".", ",")


def test_the_city_summary_follows_the_page_language(page, site_url):
    open_map(page, site_url, "?lang=it&category=night_shelter&threshold=20")
    assert page.get_attribute("html", "lang") == "it"
    pattern = json.loads(page.text_content("#map-config"))["labels"]["citySummary"]
    city = page.request.get(
        f"{site_url}/api/access/worst/?category=night_shelter&profile=standard&n=1"
    ).json()["city"]

    def summary(t: int) -> str:
        return (
            pattern.replace("{mean}", italian(city["mean_min"], 1))
            .replace("{t}", str(t))
            .replace("{share}", f"{round(city[f'share_within_{t}'] * 100)}%")
            .replace("{gini}", italian(city["gini_nearest_min"], 2))
            .replace("{palma}", italian(city["palma_nearest_min"], 2))
        )

    assert page.inner_text("#equity") == summary(20)
    assert "{" not in summary(20)

    # A change of threshold rewrites it at once.
    page.select_option("#threshold", "10")
    page.wait_for_function(
        "want => document.getElementById('equity').innerText === want", arg=summary(10)
    )
    assert page.js_errors == []
