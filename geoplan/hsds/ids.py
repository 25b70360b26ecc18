"""HSDS identifiers of geoplan's records: UUIDs derived from what a record is, never stored.

HSDS asks for a UUID per object. Each is uuid5 of one fixed namespace and a key naming the kind
of record and its primary key ("service:12", "location:7"), so an id never changes while the
record lives and two kinds never share one. Taxonomy terms are keyed by their code instead of a
key of the database, so the same category has the same HSDS id in every geoplan.
"""

from __future__ import annotations

import uuid

# Chosen once for geoplan; changing it would change every HSDS id published so far.
NAMESPACE = uuid.UUID("7c0359aa-4850-4cab-a6c1-3b8c1be6fcd8")


def hsds_id(kind: str, *key) -> str:
    """The HSDS id of the record of ``kind`` with ``key`` (a primary key, or several parts)."""
    return str(uuid.uuid5(NAMESPACE, ":".join([kind, *(str(k) for k in key)])))


def parse_uuid(text: str) -> str | None:
    """``text`` as a canonical lower-case UUID, or None when it is not one."""
    try:
        return str(uuid.UUID(str(text)))
    except (ValueError, AttributeError, TypeError):
        return None


def pk_for(kind: str, wanted: str, pks) -> int | None:
    """The primary key among ``pks`` whose HSDS id of ``kind`` is ``wanted`` (uuid5 cannot be
    reversed: the published records are few, so hashing each costs microseconds)."""
    for pk in pks:
        if hsds_id(kind, pk) == wanted:
            return pk
    return None
