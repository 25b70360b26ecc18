"""A page costs a fixed number of queries, however many features it holds (no query per
feature)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize(
    "collection", ["sites", "zones", "access-night_shelter", "access-food_distribution"]
)
def test_a_page_costs_the_same_queries_for_one_feature_or_all(client, collection):
    url = f"/ogc/collections/{collection}/items?limit="
    one, every = queries(client, url + "1"), queries(client, url + "1000")
    assert one == every <= 8


def test_the_collections_list_costs_a_few_queries(client):
    assert queries(client, "/ogc/collections") <= 10
