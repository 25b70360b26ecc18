"""The what-if answers several proposals together, with totals, and names zones only brought closer."""

import json

import pytest

from geoplan.access.models import AccessRun, ZoneAccess

URL = "/api/access/what-if"
# Mirafiori Sud and Falchera: far apart, and neither has a night shelter within 15 minutes.
MIRAFIORI = {"lon": 7.6300, "lat": 45.0300}
FALCHERA = {"lon": 7.7000, "lat": 45.1200}


def what_if(client, *sites, profile=None):
    url = URL + (f"?profile={profile}" if profile else "")
    response = client.post(url, {"sites": list(sites)}, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()


def shelter(place):
    return place | {"category": "night_shelter"}


def test_totals_add_up_the_zones_of_the_answer(client):
    data = what_if(client, shelter(MIRAFIORI), shelter(FALCHERA))
    zones, totals = data["zones"], data["totals"]
    gaining = {z["zone"] for z in zones if z["effect"] == "gains"}
    closer = {z["zone"] for z in zones if z["effect"] == "closer"}
    assert totals["newly_within_15"] == sum(z["newly_within_15"] for z in zones) > 0
    assert totals["zones_gaining"] == len(gaining) > 0
    assert totals["zones_closer_only"] == len(closer - gaining)
    assert [c["category"] for c in totals["by_category"]] == ["night_shelter"]
    assert totals["by_category"][0]["newly_within_15"] == totals["newly_within_15"]
    assert len(data["sites"]) == 2


def test_two_proposals_together_reach_more_people_than_either_alone(client):
    alone = [
        what_if(client, shelter(p))["totals"]["newly_within_15"] for p in (MIRAFIORI, FALCHERA)
    ]
    together = what_if(client, shelter(MIRAFIORI), shelter(FALCHERA))["totals"]["newly_within_15"]
    assert all(a > 0 for a in alone)
    # Far apart, the two catchments do not overlap: the combined answer is their sum.
    assert together == sum(alone)


def test_two_proposals_close_together_count_each_resident_once(client):
    near = {"lon": MIRAFIORI["lon"] + 0.002, "lat": MIRAFIORI["lat"]}
    alone = [what_if(client, shelter(p))["totals"]["newly_within_15"] for p in (MIRAFIORI, near)]
    together = what_if(client, shelter(MIRAFIORI), shelter(near))["totals"]["newly_within_15"]
    assert max(alone) <= together < sum(alone)


def test_zones_brought_closer_without_crossing_15_minutes_are_listed_apart(client):
    data = what_if(client, shelter(MIRAFIORI))
    closer = [z for z in data["zones"] if z["effect"] == "closer"]
    assert closer, "a site at the city's edge brings farther zones closer too"
    for z in closer:
        assert z["newly_within_15"] == 0
        assert z["mean_min_after"] < z["mean_min_before"]
        assert z["delta_mean_min"] < 0
    gains = [z for z in data["zones"] if z["effect"] == "gains"]
    assert all(z["newly_within_15"] > 0 for z in gains)
    # Zones gaining come first, the most residents first.
    effects = [z["effect"] for z in data["zones"]]
    assert effects == sorted(effects, key=lambda e: e != "gains")


def test_a_category_without_any_site_answers_from_unreachable(client):
    data = what_if(client, {"lon": 7.6858, "lat": 45.0712, "category": "housing_first"})
    gains = [z for z in data["zones"] if z["effect"] == "gains"]
    assert gains and data["totals"]["newly_within_15"] > 0
    for z in gains:
        assert z["reachable_before"] is False and z["mean_min_before"] is None
        assert z["delta_mean_min"] is None
        assert z["mean_min_after"] > 0
    assert data["totals"]["by_category"][0]["category_name"] == "Housing First"


def test_proposals_of_two_categories_give_totals_per_category(client):
    data = what_if(
        client,
        shelter(MIRAFIORI),
        {"lon": 7.6858, "lat": 45.0712, "category": "work_training"},
    )
    by = {c["category"]: c for c in data["totals"]["by_category"]}
    assert set(by) == {"night_shelter", "work_training"}
    assert by["work_training"]["newly_within_15"] > 0 and by["night_shelter"]["newly_within_15"] > 0
    assert sum(c["newly_within_15"] for c in by.values()) == data["totals"]["newly_within_15"]
    for code, c in by.items():
        assert c["newly_within_15"] == sum(
            z["newly_within_15"] for z in data["zones"] if z["category"] == code
        )


def test_the_gap_rank_of_a_gaining_zone_does_not_worsen(client):
    data = what_if(client, shelter(MIRAFIORI))
    run = AccessRun.objects.latest_completed()
    stored = dict(
        ZoneAccess.objects.filter(run=run, category="night_shelter").values_list(
            "zone__code", "share_within_15"
        )
    )
    for z in data["zones"]:
        if z["effect"] == "gains":
            assert stored[z["zone"]] < 1
            assert z["gap_rank_after"] >= z["gap_rank_before"]
            # Fewer residents beyond 15 minutes: a smaller gap in people.
            assert z["gap_people_after"] < z["gap_people_before"]


def test_a_proposal_outside_turin_is_refused_with_a_sentence_about_proposals(client):
    body = {"sites": [shelter(MIRAFIORI), {"lon": 9.19, "lat": 45.46, "category": "night_shelter"}]}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    messages = response.json()["sites"]
    assert "A proposed site must be inside the City of Turin." in messages
    assert any("Proposed site 2 (9.19000, 45.46000)" in m for m in messages)
    assert "registers sites" not in json.dumps(response.json())


def test_more_than_twenty_proposals_are_refused(client):
    body = {"sites": [shelter(MIRAFIORI)] * 21}
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert "sites" in response.json()


@pytest.mark.parametrize("profile", ["standard", "slow"])
def test_the_answer_names_the_walking_profile_it_used(client, profile):
    data = what_if(client, shelter(MIRAFIORI), profile=profile)
    assert data["profile"] == profile
    assert data["run"] == AccessRun.objects.latest_completed(profile).pk
