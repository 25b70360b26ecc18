"""Structured logs: one JSON object per line, for the log collector of a real deployment.

Used by Django's LOGGING (LOG_FORMAT=json) and by gunicorn.conf.py for gunicorn's own lines, so
every line a production process writes has the same shape. Imports nothing from Django.
"""

import json
import logging
from datetime import UTC, datetime

# Request fields the request-logging middleware passes as `extra`; copied when present.
REQUEST_FIELDS = ("method", "path", "status", "duration_ms", "user_agent", "remote_addr")

# gunicorn's access logger passes its atoms as the record's arguments: which of them we keep.
GUNICORN_ACCESS_ATOMS = {
    "m": "method",
    "U": "path",
    "s": "status",
    "M": "duration_ms",
    "a": "user_agent",
    "h": "remote_addr",
}


class JsonFormatter(logging.Formatter):
    """time (UTC, ISO 8601 with milliseconds), level, logger, message, the request fields when
    the record has them, and the exception with its traceback when one is being logged."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry |= _gunicorn_access_fields(record.args)
        for field in REQUEST_FIELDS:
            value = getattr(record, field, None)
            if value is not None:
                entry[field] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _gunicorn_access_fields(atoms: dict) -> dict:
    fields = {}
    for atom, name in GUNICORN_ACCESS_ATOMS.items():
        value = atoms.get(atom)
        if value is None or value == "-":
            continue
        if name in {"status", "duration_ms"} and str(value).isdigit():
            value = int(value)
        fields[name] = value
    return fields


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def formatter_config(log_format: str) -> dict:
    """The dictConfig entry of the formatter named by LOG_FORMAT ("json" or "text")."""
    if log_format == "json":
        return {"()": "geoplan.logs.JsonFormatter"}
    return {"format": TEXT_FORMAT}
