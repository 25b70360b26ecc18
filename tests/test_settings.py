import os
import subprocess
import sys

from django.conf import settings


def run_settings(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=clean | {"DJANGO_SETTINGS_MODULE": "geoplan.settings"} | env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_without_a_secret_key_refuses_to_start_and_says_what_to_set():
    result = run_settings({"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "set the SECRET_KEY environment variable" in result.stderr


def test_production_with_a_real_secret_key_starts():
    result = run_settings(
        {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "geoplan.example"}
    )
    assert result.returncode == 0, result.stderr


def test_a_bad_boolean_is_refused_by_name():
    result = run_settings({"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be one of" in result.stderr


def test_a_database_url_that_is_not_postgis_is_refused():
    result = run_settings({"DATABASE_URL": "sqlite:///x.db"})
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL with PostGIS" in result.stderr


def test_it_refuses_an_email_url_it_cannot_read():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **__import__("os").environ,
            "EMAIL_URL": "smtp+tls://u:p@mail.example.org:587",
            "DJANGO_SETTINGS_MODULE": "geoplan.settings",
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "EMAIL_URL has a scheme geoplan cannot read" in result.stderr
