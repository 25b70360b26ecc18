"""Finding, for an imported row, a service the registry already holds under other words.

Two sources rarely write a place the same way ("Via Giorgio Ghedini 6" and "Via Ghedini 6";
"Asili Notturni Umberto I" and "Asilo notturno Umberto I"). A row matches a registered service
- on the same street and house number, in the same category: it is that service (a duplicate);
- or, on the same street, when one name holds every distinctive word of the other: in the same
  category it is that service (a duplicate); in another category it is another service of the
  same place, attached to that site.
Streets match when their type is the same and one name ends the other ("Via Ghedini" is the end
of "Via Giorgio Ghedini"), as in the offline geocoder. The rule is general: no name is listed.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .text import fold

STREET_TYPES = {"via", "corso", "piazza", "piazzale", "largo", "lungo", "strada", "viale", "vicolo"}
# Words that say nothing about which place a name means.
SMALL_WORDS = {
    "a", "al", "alla", "allo", "con", "d", "da", "de", "dei", "del", "della", "delle", "dello",
    "di", "e", "gli", "i", "il", "in", "l", "la", "le", "lo", "per", "su",
}  # fmt: skip
DUPLICATE = "duplicate"
ATTACHED = "attached"


@dataclass(frozen=True)
class Street:
    kind: str
    words: tuple[str, ...]
    number: str | None

    def same_street(self, other: "Street") -> bool:
        if not self.words or not other.words or self.kind != other.kind:
            return False
        short, long = sorted((self.words, other.words), key=len)
        return long[-len(short) :] == short


def parse_street(address: str) -> Street:
    """Street type, street name words and house number of an address ("" parts are dropped)."""
    head = fold(address.split(",")[0])
    # "Via Cavour 27B angolo Via Accademia Albertina": the corner street is not the address.
    head = re.split(r"\bangolo\b", head)[0]
    words = head.split()
    if not words:
        return Street("", (), None)
    kind, rest = (words[0], words[1:]) if words[0] in STREET_TYPES else ("", words)
    for i, word in enumerate(rest):
        if any(c.isdigit() for c in word):
            return Street(kind, tuple(rest[:i]), word)
    return Street(kind, tuple(rest), None)


def _stem(word: str) -> str:
    # Italian singular and plural differ in the last vowel: "asilo", "asili".
    return word[:-1] if len(word) > 4 and word[-1] in "aeiou" else word


def name_words(name: str, street: Street) -> set[str]:
    ignored = SMALL_WORDS | STREET_TYPES | set(street.words)
    return {_stem(w) for w in fold(name).split() if w not in ignored}


def similar_names(a: str, b: str, street_a: Street, street_b: Street) -> bool:
    """True when the shorter name's distinctive words (at least two) all occur in the other."""
    words_a, words_b = name_words(a, street_a), name_words(b, street_b)
    short, long = sorted((words_a, words_b), key=len)
    return len(short) >= 2 and short <= long


@dataclass(frozen=True)
class Registered:
    """A registered service, as the matching sees it."""

    service_id: int
    site_id: int
    name: str
    category: str
    site_name: str
    address: str

    @property
    def street(self) -> Street:
        return parse_street(self.address)


@dataclass
class RowMatch:
    """An imported row found in the registry under other words."""

    line: int
    name: str
    address: str
    kind: str  # DUPLICATE: not imported; ATTACHED: imported as a service of the matched site
    matched: Registered

    def describe(self) -> str:
        values = {
            "line": self.line,
            "name": self.name,
            "address": self.address,
            "service": self.matched.name,
            "site": self.matched.site_name,
            "site_address": self.matched.address,
        }
        if self.kind == DUPLICATE:
            return (
                _(
                    "line %(line)d: %(name)s (%(address)s) is already registered as "
                    "%(service)s at the site %(site)s (%(site_address)s): not imported"
                )
                % values
            )
        return (
            _(
                "line %(line)d: %(name)s (%(address)s) is another service at the same place: "
                "attached to the site %(site)s (%(site_address)s)"
            )
            % values
        )


def find_match(
    name: str, category: str, address: str, registered: list[Registered]
) -> tuple[str, Registered] | None:
    """(DUPLICATE or ATTACHED, the registered service) for a row, or None if it is new.

    `registered` holds no service at the row's own address with its category and name: that
    one is the row's own record, not a duplicate.
    """
    street = parse_street(address)
    same_street = [r for r in registered if street.same_street(r.street)]
    for r in same_street:
        # The row's own service, attached to another site of its street by an earlier import.
        if r.category == category and fold(r.name) == fold(name):
            return ATTACHED, r
    if street.number:
        for r in same_street:
            if r.category == category and r.street.number == street.number:
                return DUPLICATE, r
    similar = [r for r in same_street if similar_names(name, r.name, street, r.street)]
    for r in similar:
        if r.category == category:
            return DUPLICATE, r
    if similar:
        return ATTACHED, similar[0]
    return None
