"""GET/PUT /api/need-profiles/<category>/: the category's need weights with every zone's signed
z-scores (public), and saving new weights (planners only, each refusal naming what is wrong)."""

import pytest

from geoplan.access.models import AccessRun, NeedWeight, ZoneAccess
from geoplan.accounts.creation import create_account
from geoplan.territory.models import Indicator
from tests.maps.need_reference import recompute

URL = "/api/need-profiles/night_shelter/"


@pytest.fixture
def planner_role(db):
    return create_account("nora@comune.example.org", "planner", password="Planner-pass-2026")


def saved_weights(category="night_shelter"):
    return dict(
        NeedWeight.objects.filter(profile__category__code=category).values_list(
            "indicator__code", "weight"
        )
    )


def put(client, body, url=URL):
    return client.put(url, body, content_type="application/json")


def test_the_answer_gives_weights_and_every_zones_z_scores(client):
    data = client.get(URL + "?profile=slow").json()
    run = AccessRun.objects.latest_completed("slow")
    assert data["category"] == "night_shelter" and data["category_name"] == "Night shelter"
    assert data["run"] == run.pk and data["profile"] == "slow" and data["threshold_min"] == 15
    directional = set(
        Indicator.objects.exclude(higher_means_more_need=None).values_list("code", flat=True)
    )
    by_code = {i["code"]: i for i in data["indicators"]}
    assert set(by_code) == directional
    weights = saved_weights()
    for code, indicator in by_code.items():
        assert indicator["weight"] == weights.get(code, 0.0)
        assert indicator["name"] and indicator["source"] and indicator["geography"]
    assert len(data["zones"]) == 94
    stored = {
        r.zone.code: r
        for r in ZoneAccess.objects.filter(run=run, category="night_shelter").select_related("zone")
    }
    for zone in data["zones"]:
        row = stored[zone["zone"]]
        assert zone["population"] == row.population
        assert zone["residents_beyond"] == row.residents_beyond == zone["beyond"]["15"]
        assert zone["share_within"]["10"] == row.share_within_10
        assert zone["share_within"]["20"] == row.share_within_20
        for t in ("10", "20"):
            share = zone["share_within"][t]
            assert zone["beyond"][t] == round(zone["population"] * (1 - share))
        assert zone["circoscrizione"] == str(row.zone.circoscrizione.number)
        # The z-scores of the profile's indicators are those the run stored.
        for code, z in row.need_components.items():
            assert zone["z"][code] == pytest.approx(z, abs=1e-6)
        assert set(zone["z"]) == directional


@pytest.mark.parametrize("category", ["night_shelter", "food_distribution", "housing_first"])
def test_the_answer_holds_all_the_page_needs_to_recompute_the_stored_gap(client, category):
    """Recomputed from the answer as the page does, need, percentile, gap and rank are the
    stored ones exactly: the z-scores are the run's, to the last bit (zones of one former
    quartiere differ only by rounding noise, which decides their order)."""
    data = client.get(f"/api/need-profiles/{category}/").json()
    weights = {i["code"]: i["weight"] for i in data["indicators"]}
    needs, pct, gaps, ranks = recompute(data, weights)
    for zone in data["zones"]:
        code = zone["zone"]
        assert needs[code] == zone["need"]
        assert pct[code] == zone["need_01"]
        assert gaps[code] == zone["gap_people"]
        assert ranks[code] == zone["gap_rank"]


def test_an_unknown_category_is_a_404_with_a_sentence(client):
    response = client.get("/api/need-profiles/mensa/")
    assert response.status_code == 404
    assert "Unknown category 'mensa'" in response.json()["detail"]


def test_a_bad_profile_is_a_400_naming_it(client):
    response = client.get(URL + "?profile=fast")
    assert response.status_code == 400 and "profile" in response.json()


def test_a_planner_saves_the_whole_profile(client, planner_role):
    client.force_login(planner_role)
    weights = {"renting_share": 2.5, "unemployment_rate": 1, "over65_share": 0.5}
    response = put(client, {"weights": weights})
    assert response.status_code == 200
    body = response.json()
    assert body["changed"] is True
    assert body["detail"] == "Saved; the maps update after the next recompute."
    assert saved_weights() == {"renting_share": 2.5, "unemployment_rate": 1.0, "over65_share": 0.5}
    answer = {i["code"]: i["weight"] for i in body["indicators"]}
    assert answer["renting_share"] == 2.5 and answer["foreign_share"] == 0.0
    assert client.get(URL).json()["indicators"] == body["indicators"]
    # The other categories keep their own profile.
    assert saved_weights("food_distribution")["foreign_share"] == 1.0
    # Saving the same weights again changes nothing.
    again = put(client, {"weights": weights}).json()
    assert again["changed"] is False


def test_a_weight_of_zero_leaves_the_indicator_out(client, planner_role):
    client.force_login(planner_role)
    before = saved_weights()
    weights = {code: (0 if code == "foreign_share" else w) for code, w in before.items()}
    assert put(client, {"weights": weights}).status_code == 200
    assert "foreign_share" not in saved_weights()


def test_a_category_without_a_profile_gets_one(client, planner_role):
    from geoplan.access.models import NeedProfile

    NeedProfile.objects.filter(category__code="social_desk").delete()
    defaults = client.get("/api/need-profiles/social_desk/").json()["indicators"]
    assert {i["code"] for i in defaults if i["weight"] == 1.0} == set(
        Indicator.objects.filter(in_default_need=True).values_list("code", flat=True)
    )
    client.force_login(planner_role)
    response = put(client, {"weights": {"renting_share": 1}}, "/api/need-profiles/social_desk/")
    assert response.status_code == 200
    assert saved_weights("social_desk") == {"renting_share": 1.0}


@pytest.mark.parametrize(
    ("body", "field", "words"),
    [
        ({"weights": {"income": 1, "renting_share": 1}}, None, "Unknown need indicator 'income'"),
        ({"weights": {"population": 1}}, None, "Unknown need indicator 'population'"),
        ({"weights": {"renting_share": -1}}, "renting_share", "must be from 0 to 100; got -1"),
        ({"weights": {"renting_share": 101}}, "renting_share", "must be from 0 to 100"),
        ({"weights": {"renting_share": "2"}}, "renting_share", "must be a number; got '2'"),
        ({"weights": {"renting_share": "heavy"}}, "renting_share", "must be a number"),
        ({"weights": {"renting_share": True}}, "renting_share", "must be a number; got True"),
        ({"weights": {"renting_share": None}}, "renting_share", "must be a number; got None"),
        ({"weights": {"renting_share": 0, "foreign_share": 0}}, None, "At least one indicator"),
        ({"weights": {}}, None, "At least one indicator"),
        ({"weights": [1, 2]}, None, "weights must be an object"),
        ({}, None, "required"),
    ],
)
def test_refused_weights_are_a_400_naming_what_is_wrong_and_change_nothing(
    client, planner_role, body, field, words
):
    client.force_login(planner_role)
    before = saved_weights()
    response = put(client, body)
    assert response.status_code == 400
    errors = response.json()["weights"]
    text = errors[field] if field else " ".join(errors)
    assert words in str(text)
    assert saved_weights() == before


def test_a_body_that_is_not_json_is_a_400(client, planner_role):
    client.force_login(planner_role)
    response = client.put(URL, "{weights: 1", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("who", ["partner_a", "moderator", "outsider", "clerk"])
def test_only_planners_may_save(client, request, who):
    client.force_login(request.getfixturevalue(who))
    before = saved_weights()
    response = put(client, {"weights": {"renting_share": 3}})
    assert response.status_code == 403
    assert saved_weights() == before


def test_anyone_logged_out_must_authenticate_first(client):
    before = saved_weights()
    response = put(client, {"weights": {"renting_share": 3}})
    assert response.status_code == 401
    assert saved_weights() == before
