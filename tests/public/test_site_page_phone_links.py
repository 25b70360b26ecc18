"""Numbers as people publish them become tel: links any phone can dial, an Italian number with
Italy's code so that a foreign phone reaches it too."""

import pytest

from geoplan.public.site_facts import has_words, phone_numbers


@pytest.mark.parametrize(
    ("published", "links"),
    [
        ("011 442 1234", ["tel:+390114421234"]),
        ("011.4421234", ["tel:+390114421234"]),
        ("(011) 44-21-234", ["tel:+390114421234"]),
        ("+39 011 442 1234", ["tel:+390114421234"]),
        ("0039 011 442 1234", ["tel:+390114421234"]),
        ("333 765 4321", ["tel:+393337654321"]),
        ("112", ["tel:112"]),
        ("011 442 1234 / 333 765 4321", ["tel:+390114421234", "tel:+393337654321"]),
        ("tel. 011 442 1234, int. 23", ["tel:+390114421234"]),
        ("chiamare il centralino", []),
        ("", []),
    ],
)
def test_each_number_becomes_a_link(published, links):
    assert [phone.href for phone in phone_numbers(published)] == links


def test_the_number_is_shown_as_published():
    assert [p.shown for p in phone_numbers("tel. 011.442.1234 (sportello)")] == ["011.442.1234"]


def test_words_beside_numbers_are_told_apart():
    assert has_words("011 442 1234 (sportello)")
    assert not has_words("011 442 1234 / 333 765 4321")


def test_times_beside_a_number_are_not_numbers_to_call():
    from geoplan.public.site_facts import phone_numbers

    found = phone_numbers("lun-ven 9-12: 011 5555555, 348 1234567 ore 9-13")
    assert [p.href for p in found] == ["tel:+390115555555", "tel:+393481234567"]
    two = phone_numbers("011 4421234 - 4421235")
    assert [p.shown for p in two] == ["011 4421234", "4421235"]
