"""On Turin: with the planner's own candidates, the sites are chosen among them, keep their
names, and one with a capacity serves no more residents than it."""

import pytest

from geoplan.access.siting import solve_siting

CANDIDATES = [
    {"lon": 7.6745, "lat": 45.0495, "capacity": 150, "name": "Via Nizza"},
    {"lon": 7.705, "lat": 45.089, "name": "Barriera"},
    {"lon": 7.6412, "lat": 45.0573},
    {"lon": 7.6606, "lat": 45.1020, "capacity": 400, "name": "Vallette"},
]


@pytest.mark.django_db
def test_sites_are_chosen_among_the_given_candidates():
    answer = solve_siting(category="food_distribution", k=2, candidates=CANDIDATES)
    assert answer["candidates"] == 4 and answer["status"] == "optimal"
    given = {(c["lon"], c["lat"]): c for c in CANDIDATES}
    assert 1 <= len(answer["sites"]) <= 2
    for site in answer["sites"]:
        source = given[(site["lon"], site["lat"])]
        assert site["name"] == source.get("name")
        assert site["capacity"] == source.get("capacity")
        if site["capacity"] is not None:
            assert site["residents_newly_covered"] <= site["capacity"] + 1e-6


@pytest.mark.django_db
def test_a_tiny_capacity_makes_a_site_serve_few():
    small = [dict(c, capacity=10) for c in CANDIDATES]
    answer = solve_siting(category="food_distribution", k=4, candidates=small)
    gained = answer["residents_covered_after"] - answer["residents_covered_before"]
    assert 0 < gained <= 10 * len(answer["sites"]) + 1e-6
