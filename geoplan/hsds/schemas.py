"""The official HSDS 3.0 JSON schemas (fixtures/hsds-3.0/schema) and validators for them.

The schemas carry no ``$id``; the HSDS OpenAPI document names them by their address on GitHub.
Each file is registered under that address, so that a ``$ref`` of the OpenAPI document, or a
relative one between the individual schemas ("taxonomy.json"), resolves to the local copy and
nothing is fetched. Validation is JSON Schema Draft 2020-12 with formats checked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(settings.FIXTURES_DIR) / "hsds-3.0" / "schema"
SPEC_BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
OPENAPI_FILE = SCHEMA_DIR / "openapi.json"

# What each kind of answer or file is validated against (paths below schema/).
SERVICE = "compiled/service.json"
SERVICE_LIST = "compiled/service_list.json"
ORGANIZATION = "compiled/organization.json"
ORGANIZATION_LIST = "compiled/organization_list.json"
# The HSDS OpenAPI document gives compiled/service.json for /service_at_locations/{id}; the API
# reference says the answer is a service_at_location, which is what is served and checked.
SERVICE_AT_LOCATION = "compiled/service_at_location.json"
SERVICE_AT_LOCATION_LIST = "compiled/service_at_location_list.json"
TAXONOMY = "taxonomy.json"
TAXONOMY_TERM = "taxonomy_term.json"


def _schema_files() -> list[Path]:
    return sorted(
        p
        for p in [*SCHEMA_DIR.glob("*.json"), *SCHEMA_DIR.glob("compiled/*.json")]
        if p != OPENAPI_FILE
    )


@cache
def registry() -> Registry:
    """Every schema file, under its address in the HSDS repository (read once per process)."""
    resources = []
    for path in _schema_files():
        contents = json.loads(path.read_text(encoding="utf-8"))
        uri = SPEC_BASE + path.relative_to(SCHEMA_DIR).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme or "")) and not any(
        c.isspace() for c in value
    )


def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    if "T" not in value.upper():
        return False
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return False
    return parsed.tzinfo is not None


def format_checker() -> FormatChecker:
    """jsonschema's checkers, with "uri" and "date-time" checked too (their usual checkers need
    packages geoplan does not install)."""
    checker = FormatChecker()
    checker.checks("uri")(_is_uri)
    checker.checks("date-time")(_is_date_time)
    return checker


@cache
def validator(name: str) -> Draft202012Validator:
    """A Draft 2020-12 validator for the schema ``name`` (e.g. "compiled/service.json")."""
    if not (SCHEMA_DIR / name).is_file():
        raise ValueError(f"no HSDS schema {name!r} in {SCHEMA_DIR}")
    return Draft202012Validator(
        {"$ref": SPEC_BASE + name}, registry=registry(), format_checker=format_checker()
    )


@dataclass(frozen=True)
class Problem:
    """One way an object breaks its schema: where (a JSON path) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def problems(instance, name: str, limit: int = 20) -> list[Problem]:
    """How ``instance`` breaks the schema ``name`` (empty: it is valid), the shallowest first."""
    errors = sorted(validator(name).iter_errors(instance), key=lambda e: (len(e.path), e.json_path))
    return [Problem(e.json_path, e.message) for e in errors[:limit]]
