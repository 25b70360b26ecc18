"""`manage.py check --deploy` passes with production settings, and collectstatic works on a
fresh clone (hashed, compressed files for WhiteNoise)."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

# Variables a developer may have exported that would change what production means here.
OVERRIDES = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_COOKIES",
    "SECURE_PROXY_SSL",
    "STATIC_ROOT",
    "LOG_FORMAT",
    # Set by the browser tests for Playwright's event loop; never in a deployment.
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in OVERRIDES}
    return (
        env
        | {
            "DJANGO_SETTINGS_MODULE": "geoplan.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "geoplan.example.org",
            "CSRF_TRUSTED_ORIGINS": "https://geoplan.example.org",
        }
        | extra
    )


def manage(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env=production_env(**env),
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
        timeout=300,
    )


def test_the_deployment_check_passes_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_check_fails_without_https_settings():
    """The check is not silenced wholesale: turning HTTPS off is caught."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr + result.stdout
    assert "security.W008" in result.stderr + result.stdout


def test_collectstatic_writes_hashed_compressed_files_without_any_prior_step(tmp_path):
    result = manage("collectstatic", "--noinput", STATIC_ROOT=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    hashed = manifest["js/map.js"]
    assert hashed != "js/map.js"
    assert (tmp_path / hashed).exists()
    assert (tmp_path / (hashed + ".gz")).exists()
    assert "leaflet/leaflet.js" in manifest
