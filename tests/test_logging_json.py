"""Structured logs: one JSON object per line, with the request fields for requests."""

import json
import logging
import subprocess
import sys

from django.conf import settings

from geoplan.logs import JsonFormatter
from tests.test_deploy_check import production_env


def record(name="geoplan.test", msg="hello %s", args=("world",), **extra):
    r = logging.LogRecord(name, logging.WARNING, __file__, 1, msg, args, None)
    r.__dict__.update(extra)
    return r


def test_a_record_is_one_json_line_with_time_level_logger_and_message():
    line = JsonFormatter().format(record())
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "geoplan.test"
    assert entry["message"] == "hello world"
    assert entry["time"].endswith("+00:00")


def test_request_fields_are_kept_and_an_exception_stays_on_the_line():
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        exc_info = sys.exc_info()
    r = record(method="GET", path="/api/zones/", status=200, duration_ms=12.5)
    r.exc_info = exc_info
    line = JsonFormatter().format(r)
    assert "\n" not in line
    entry = json.loads(line)
    assert (entry["method"], entry["path"], entry["status"], entry["duration_ms"]) == (
        "GET",
        "/api/zones/",
        200,
        12.5,
    )
    assert "ValueError: bad" in entry["exception"]


def test_a_gunicorn_access_line_gets_the_request_fields():
    atoms = {"m": "GET", "U": "/healthz", "s": "200", "M": 7, "a": "curl/8", "h": "127.0.0.1"}
    r = logging.LogRecord("gunicorn.access", logging.INFO, "", 0, "%(m)s %(U)s", (atoms,), None)
    entry = json.loads(JsonFormatter().format(r))
    assert entry["message"] == "GET /healthz"
    assert entry["method"] == "GET"
    assert entry["path"] == "/healthz"
    assert entry["status"] == 200
    assert entry["duration_ms"] == 7


def test_each_request_is_logged_with_method_path_status_and_duration(client, db, caplog):
    with caplog.at_level(logging.INFO, logger="geoplan.request"):
        client.get("/api/categories/")
        client.get("/api/sites/?category=mensa")
    ok, refused = [r for r in caplog.records if r.name == "geoplan.request"]
    assert (ok.method, ok.path, ok.status, ok.levelname) == ("GET", "/api/categories/", 200, "INFO")
    assert ok.duration_ms >= 0
    assert (refused.status, refused.levelname) == (400, "WARNING")


def log_in_a_process(**env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, logging; django.setup(); logging.getLogger('geoplan.x').warning('hi')",
        ],
        env=production_env(**env),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=120,
    )


def test_production_logs_are_json_by_default():
    result = log_in_a_process()
    assert result.returncode == 0, result.stderr
    entry = json.loads(result.stderr.strip().splitlines()[-1])
    assert (entry["logger"], entry["message"]) == ("geoplan.x", "hi")


def test_log_format_text_writes_plain_lines():
    result = log_in_a_process(LOG_FORMAT="text")
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().endswith("WARNING geoplan.x: hi")


def test_an_unknown_log_format_is_refused_by_name():
    result = log_in_a_process(LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "LOG_FORMAT must be json or text" in result.stderr
