"""The values the planners' pages and the API read the same way: a scenario's id and a walking
profile. Each parser takes the text as given and answers the value, or raises ``ValueError``
with a sentence naming the parameter; callers turn it into their own kind of refusal (a 400 of
the API, a plain-text 400, a field error on a page).

Ids are plain ASCII digits, at most nine of them: ``str.isdigit`` also takes "²" or Arabic-Indic
digits that ``int`` cannot read, and a number of thousands of digits is nobody's id.
"""

from django.utils.translation import gettext as _

from geoplan.access.models import Profile

MAX_ID_DIGITS = 9
# How much of a refused value a sentence repeats.
SHOWN_CHARS = 40


def shown(value: str) -> str:
    """A refused value as a sentence repeats it: cut to a readable length."""
    return value if len(value) <= SHOWN_CHARS else value[:SHOWN_CHARS] + "…"


def whole_id(value) -> int | None:
    """``value`` as a record's id when it is one to nine ASCII digits, nothing else, else None."""
    if not isinstance(value, str):
        return None
    if not value or len(value) > MAX_ID_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def parse_scenario_id(value: str | None, name: str = "scenario") -> int:
    """The id of a scenario given as the parameter ``name``."""
    if value is None or value == "":
        raise ValueError(_("Give %(name)s, the id of a scenario.") % {"name": name})
    number = whole_id(value)
    if number is None:
        raise ValueError(
            _("%(name)s must be the id of a scenario (a whole number), not %(v)r.")
            % {"name": name, "v": shown(value)}
        )
    return number


def parse_profile(value: str | None, default: str | None = Profile.STANDARD) -> str | None:
    """A walking profile's code (standard or slow); ``default`` when none is given."""
    if value is None or value == "":
        return default
    if value not in Profile.values:
        raise ValueError(_("Unknown profile %(p)r: use standard or slow.") % {"p": shown(value)})
    return value
