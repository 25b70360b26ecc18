"""An HSDS 3.0 file as another directory might publish it: a list of organisations with their
services (the compiled organization_package shape), using geoplan's category taxonomy. The
organisation and place are test records (Via Nizza, as tests/conftest.py's proposals)."""

import copy
import uuid

from geoplan.hsds.taxonomies import CATEGORIES, TARGET_GROUPS

ORG = "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a01"
LOCATION = "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a02"
VIRTUAL = "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a03"
FOOD = "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a04"
OLD = "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a05"
LINE = "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a06"


def category(code: str, term_id: str | None = None) -> dict:
    return {
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"attribute:{code}")),
        "taxonomy_term_id": term_id or CATEGORIES.term_id(code),
        "taxonomy_term": {
            "id": term_id or CATEGORIES.term_id(code),
            "code": code,
            "name": code,
            "description": "",
            "taxonomy_id": CATEGORIES.id,
        },
    }


def location(**changes) -> dict:
    return {
        "id": LOCATION,
        "location_type": "physical",
        "name": "Punto cibo di prova",
        "latitude": 45.0495,
        "longitude": 7.6745,
        "addresses": [
            {
                "id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a10",
                "address_1": "Via Nizza 100",
                "city": "Torino",
                "state_province": "TO",
                "postal_code": "10126",
                "country": "IT",
                "address_type": "physical",
            }
        ],
        **changes,
    }


def food_service() -> dict:
    return {
        "id": FOOD,
        "name": "Pacchi alimentari",
        "status": "active",
        "description": "Pacchi di alimenti secchi ogni settimana.",
        "url": "https://associazione.example.org/cibo",
        "phones": [{"id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a11", "number": "011 555 0101"}],
        "languages": [
            {"id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a12", "name": "English", "code": "en"},
            {"id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a13", "name": "Polish", "code": "pl"},
        ],
        "schedules": [
            {
                "id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a14",
                "freq": "WEEKLY",
                "byday": "MO,WE,FR",
                "opens_at": "09:00:00",
                "closes_at": "12:30",
            },
            {
                "id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a15",
                "freq": "MONTHLY",
                "byday": "1SA",
                "opens_at": "10:00",
                "closes_at": "12:00",
            },
        ],
        "attributes": [
            category("food_distribution"),
            {
                "id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a16",
                "taxonomy_term_id": TARGET_GROUPS.term_id("families"),
            },
            {
                "id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a17",
                "taxonomy_term_id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a99",
                "taxonomy_term": {
                    "id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a99",
                    "name": "Food pantry",
                    "description": "A term of another taxonomy, ignored.",
                },
            },
        ],
        "service_at_locations": [
            {"id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a18", "location_id": LOCATION}
        ],
    }


def directory() -> list[dict]:
    """One organisation: an active food service at a place, an inactive one there, and a phone
    line with a virtual location."""
    old = {
        **copy.deepcopy(food_service()),
        "id": OLD,
        "name": "Mensa chiusa",
        "status": "inactive",
    }
    line = {
        "id": LINE,
        "name": "Linea di ascolto",
        "status": "active",
        "attributes": [category("social_desk")],
        "service_at_locations": [
            {
                "id": "5b1f6c1e-3a0a-4a52-9c39-2f0f3c1d9a19",
                "location": {"id": VIRTUAL, "location_type": "virtual", "name": "Telefono"},
            }
        ],
    }
    return [
        {
            "id": ORG,
            "name": "Associazione di prova (test)",
            "description": "Un'associazione di un'altra rete.",
            "website": "https://associazione.example.org",
            "locations": [location()],
            "services": [food_service(), old, line],
        }
    ]
