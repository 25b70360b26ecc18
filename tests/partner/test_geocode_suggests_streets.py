"""Address suggestions come from the offline street geocoder: street names with their
street-level position (and the partner's own sites), never a building."""

from django.urls import reverse

URL = reverse("partner:geocode")


def test_it_suggests_streets_from_the_first_letters(client_a):
    answer = client_a.get(URL, {"q": "via niz"}).json()
    assert answer[0]["address"] == "Via Nizza"
    assert answer[0]["precision"] == "street"
    assert "street-level" in answer[0]["label"]
    assert 7.5 < answer[0]["lon"] < 7.8 and 44.9 < answer[0]["lat"] < 45.2
    assert len(answer) <= 8


def test_it_keeps_the_house_number_typed(client_a):
    answer = client_a.get(URL, {"q": "Via Nizza 100, Torino"}).json()
    assert answer[0]["address"] == "Via Nizza 100"


def test_it_keeps_a_house_number_written_after_a_comma(client_a):
    answer = client_a.get(URL, {"q": "Via Nizza, 1"}).json()
    assert answer[0]["address"] == "Via Nizza 1"


def test_it_finds_a_street_by_a_word_of_its_name(client_a):
    names = [r["address"] for r in client_a.get(URL, {"q": "nizza"}).json()]
    assert "Via Nizza" in names and "Piazza Nizza" in names


def test_it_expands_abbreviated_street_types(client_a):
    names = [r["address"] for r in client_a.get(URL, {"q": "c.so regina"}).json()]
    assert "Corso Regina Margherita" in names


def test_it_offers_the_partners_own_sites(client_a, site_of_a):
    answer = client_a.get(URL, {"q": "barrito"}).json()
    assert answer[0]["kind"] == "site"
    assert answer[0]["address"] == site_of_a.address


def test_it_says_nothing_for_one_letter(client_a):
    assert client_a.get(URL, {"q": "v"}).json() == []
