"""Controlled vocabularies of the registry: target groups and spoken languages.

Codes are stored; labels are translated. A source's own wording that is not in the vocabulary
is kept as published in ``Service.target_groups_note``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    EVERYONE = "everyone", _("everyone")
    ADULTS = "adults", _("adults")
    MEN = "men", _("men")
    WOMEN = "women", _("women")
    FAMILIES = "families", _("families with children")
    CHILDREN = "children", _("children")
    YOUNG_PEOPLE = "young_people", _("young people")
    OLDER_PEOPLE = "older_people", _("older people")
    HOMELESS = "homeless", _("people without a home")
    MIGRANTS = "migrants", _("migrants and refugees")
    DISABLED = "disabled", _("people with disabilities")
    JOBSEEKERS = "jobseekers", _("jobseekers")
    LOW_INCOME = "low_income", _("people on a low income")


# Languages a partner may say a service speaks (ISO 639-1), the most asked for in Turin first.
LANGUAGES = [
    ("it", _("Italian")),
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ro", _("Romanian")),
    ("ar", _("Arabic")),
    ("zh", _("Chinese")),
    ("sq", _("Albanian")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("pt", _("Portuguese")),
    ("de", _("German")),
    ("wo", _("Wolof")),
    ("bn", _("Bengali")),
    ("ur", _("Urdu")),
    ("fa", _("Persian")),
    ("ti", _("Tigrinya")),
    ("so", _("Somali")),
]
LANGUAGE_CODES = frozenset(code for code, _label in LANGUAGES)


def split_target_groups(values: list[str]) -> tuple[list[str], str]:
    """Vocabulary codes among ``values`` (in order, once each) and the rest as one note."""
    codes, other = [], []
    for value in values:
        text = value.strip()
        if text.lower() in TargetGroup.values:
            if text.lower() not in codes:
                codes.append(text.lower())
        elif text:
            other.append(text)
    return codes, "; ".join(other)
