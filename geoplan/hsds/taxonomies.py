"""geoplan's three HSDS taxonomies and the attributes that apply their terms.

HSDS 3.0 classifies records with attributes: an attribute links a record to a taxonomy term, and
may carry a value. geoplan publishes three taxonomies of its own:

- service categories (night shelter, food distribution, ...): every service has one;
- target groups (the registry's vocabulary of who a service is for);
- service details: facts of the registry that HSDS 3.0 has no field for (capacity, closed days,
  closed on public holidays, step-free access, the source page, illustrative records, how
  precisely a site is located), each attribute's value holding the fact.

Taxonomy and term ids are derived from their codes (see ids.py), so another directory can map
its own terms to geoplan's once and for all; ``manage.py import_hsds`` reads these attributes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from geoplan.registry.models import ServiceCategory
from geoplan.registry.vocabulary import TargetGroup

from .ids import hsds_id


@dataclass(frozen=True)
class Taxonomy:
    key: str
    name: str  # a name, not translated: other directories match it
    description: str  # lazy: said in the reader's language
    link_type: str  # what its attributes describe (the attribute's link_type)

    @property
    def id(self) -> str:
        return hsds_id("taxonomy", self.key)

    def term_id(self, code: str) -> str:
        return hsds_id("taxonomy_term", self.key, code)

    def as_hsds(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "description": str(self.description),
            "version": "1",
        }


CATEGORIES = Taxonomy(
    "service_category",
    "geoplan service categories",
    gettext_lazy(
        "The categories of social service in geoplan's registry of the City of Turin: each "
        "service has exactly one."
    ),
    "category",
)
TARGET_GROUPS = Taxonomy(
    "target_group",
    "geoplan target groups",
    gettext_lazy("Who a service is for, in the vocabulary of geoplan's registry."),
    "eligibility",
)
DETAILS = Taxonomy(
    "detail",
    "geoplan service details",
    gettext_lazy(
        "Facts of geoplan's registry that HSDS 3.0 has no field for; the attribute's value holds "
        "the fact."
    ),
    "detail",
)
TAXONOMIES = (CATEGORIES, TARGET_GROUPS, DETAILS)

# The details taxonomy: code -> (name, what the attribute's value holds).
DETAIL_TERMS = {
    "capacity": (
        gettext_lazy("Capacity"),
        gettext_lazy("How many the service can take at once; the value is a whole number."),
    ),
    "capacity_unit": (
        gettext_lazy("Capacity unit"),
        gettext_lazy("What the capacity counts (beds, meals, places ...)."),
    ),
    "target_groups_note": (
        gettext_lazy("Who the service is for, in the source's words"),
        gettext_lazy("Who the service is for where the target groups do not say it."),
    ),
    "closure": (
        gettext_lazy("Closed days"),
        gettext_lazy(
            "Days the service is closed although its weekly hours say open: the value is the "
            "first and last closed day (YYYY-MM-DD/YYYY-MM-DD), then a space and the reason."
        ),
    ),
    "closed_on_public_holidays": (
        gettext_lazy("Closed on public holidays"),
        gettext_lazy("Closed on Italy's public holidays; the value is true."),
    ),
    "step_free_access": (
        gettext_lazy("Step-free access"),
        gettext_lazy("Whether the service can be reached without steps: true or false."),
    ),
    "source_url": (
        gettext_lazy("Source"),
        gettext_lazy("The public page the facts of this service come from."),
    ),
    "as_of_year": (
        gettext_lazy("Facts as of"),
        gettext_lazy("The year the facts of this service refer to."),
    ),
    "location_precision": (
        gettext_lazy("Location precision"),
        gettext_lazy(
            "How precisely the site is placed: building, or street (approximate: halfway "
            "along the named street)."
        ),
    ),
    "illustrative": (
        gettext_lazy("Illustrative record"),
        gettext_lazy("Not a real organisation or service: an example, shown only as such."),
    ),
}


def _language() -> str:
    return (get_language() or "it").split("-")[0]


class Terms:
    """Every term of the three taxonomies as HSDS taxonomy_term objects, in the active language
    (one query for the categories; build one per answer)."""

    def __init__(self):
        language = _language()
        self.by_key: dict[tuple[str, str], dict] = {}
        for category in ServiceCategory.objects.all():
            self._add(
                CATEGORIES,
                category.code,
                category.name(language),
                _("Services of the category “%(name)s” in geoplan's registry.")
                % {"name": category.name(language)},
            )
        for group in TargetGroup:
            self._add(
                TARGET_GROUPS,
                group.value,
                str(group.label),
                _("Services for %(group)s.") % {"group": group.label},
            )
        for code, (name, description) in DETAIL_TERMS.items():
            self._add(DETAILS, code, str(name), str(description))

    def _add(self, taxonomy: Taxonomy, code: str, name: str, description: str) -> None:
        self.by_key[(taxonomy.key, code)] = {
            "id": taxonomy.term_id(code),
            "code": code,
            "name": name,
            "description": description,
            "taxonomy": taxonomy.name,
            "taxonomy_id": taxonomy.id,
            "language": _language(),
        }

    def term(self, taxonomy: Taxonomy, code: str) -> dict:
        return self.by_key[(taxonomy.key, code)]

    def all(self) -> list[dict]:
        """Every term with its taxonomy, the categories first (the /taxonomy_terms list)."""
        order = {t.key: i for i, t in enumerate(TAXONOMIES)}
        details = {t.key: t.as_hsds() for t in TAXONOMIES}
        return [
            {**term, "taxonomy_detail": details[key]}
            for (key, _code), term in sorted(self.by_key.items(), key=lambda kv: order[kv[0][0]])
        ]

    def attribute(
        self,
        taxonomy: Taxonomy,
        code: str,
        link_entity: str,
        link_id: str,
        value: str | None = None,
        key: object = None,
    ) -> dict:
        """An attribute applying the term ``code`` to the record ``link_id`` (``key`` tells two
        attributes of one term on one record apart, e.g. two closures)."""
        term = self.term(taxonomy, code)
        attribute = {
            "id": hsds_id("attribute", link_id, taxonomy.key, code, *([key] if key else [])),
            "link_id": link_id,
            "link_type": taxonomy.link_type,
            "link_entity": link_entity,
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
        }
        if value is not None:
            attribute["value"] = value
        return attribute


def term_codes(taxonomy: Taxonomy) -> dict[str, str]:
    """term id -> code, for the taxonomy's terms (categories read from the database)."""
    if taxonomy is CATEGORIES:
        codes = ServiceCategory.objects.values_list("code", flat=True)
    elif taxonomy is TARGET_GROUPS:
        codes = TargetGroup.values
    else:
        codes = DETAIL_TERMS
    return {taxonomy.term_id(code): code for code in codes}
