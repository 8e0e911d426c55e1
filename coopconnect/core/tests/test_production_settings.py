"""The production profile of .env.example: safe by `check --deploy`, no default key, the security headers.

The settings are read once per process, so each environment is tried in a fresh ``manage.py`` run.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loaders.app_directories import get_app_template_dirs

ROOT = Path(settings.BASE_DIR)


def production_profile(tmp_path: Path) -> dict[str, str]:
    """Return the uncommented variables of .env.example, with a real key and a throwaway database."""
    profile = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if match := re.fullmatch(r"([A-Z][A-Z0-9_]*)=(.*)", line):
            profile[match[1]] = match[2]
    return {
        **profile,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "COOP_VAR_DIR": str(tmp_path),
    }


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "PYTHONPATH", "TMPDIR")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_the_production_profile(tmp_path):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_profile(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_without_a_secret_key_and_debug_off_it_refuses_to_start(tmp_path):
    env = {k: v for k, v in production_profile(tmp_path).items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set: with DEBUG off Coop-connect refuses to start" in (
        result.stderr
    )
    # No variable at all: DEBUG is off by default, so the same refusal.
    result = manage("check", env={"COOP_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_behind_the_tls_proxy_links_are_https(tmp_path):
    script = (
        "from django.conf import settings as s; from django.test import RequestFactory;"
        "r = RequestFactory().get('/', HTTP_X_FORWARDED_PROTO='https', HTTP_HOST='coop-connect.example.org');"
        "print(r.is_secure(), r.build_absolute_uri('/compte/'), s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)"
    )
    result = manage("shell", "--no-imports", "-c", script, env=production_profile(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "True",
        "https://coop-connect.example.org/compte/",
        "True",
        "True",
        "31536000",
        "True",
    ]


@pytest.mark.django_db
def test_pages_carry_the_content_security_policy_and_the_permissions_policy(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp.split("style-src-attr")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert "img-src 'self' data: https://tile.openstreetmap.org" in csp
    assert response["Permissions-Policy"].startswith("geolocation=(self), camera=(), microphone=()")
    api = client.get("/api/v1/places")
    assert "Content-Security-Policy" in api and "Permissions-Policy" in api


@pytest.mark.django_db
def test_the_api_docs_use_local_assets(client):
    # django-ninja's CDN copy of Swagger UI has an inline script: the local one passes the CSP.
    html = client.get("/api/v1/docs").content.decode()
    assert "cdn.jsdelivr.net" not in html
    assert "/static/ninja/swagger-ui-bundle.js" in html


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.I)
STYLE_ELEMENT = re.compile(r"<style\b", re.I)


def _page_templates() -> list[Path]:
    dirs = [ROOT / "coopconnect" / "templates", *get_app_template_dirs("templates")]
    project = [
        d for d in dirs if ROOT / "coopconnect" in d.parents or d == ROOT / "coopconnect" / "templates"
    ]
    # Mails and PDFs are not shown by a browser under the policy.
    return [
        p
        for d in project
        for p in d.rglob("*.html")
        if "/mail/" not in p.as_posix() and not p.name.endswith(("pdf.html", "_pdf.html"))
    ]


def test_no_template_has_an_inline_script_handler_or_style_element():
    templates = _page_templates()
    assert len(templates) > 50
    offenders = [
        f"{p.relative_to(ROOT)}: {rx.pattern[:20]}"
        for p in templates
        for rx in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ELEMENT)
        if rx.search(p.read_text())
    ]
    assert not offenders, "The Content-Security-Policy would block these:\n" + "\n".join(offenders)


def test_json_logs_are_one_object_per_line(tmp_path):
    script = (
        "import logging; logging.getLogger('coopconnect.bookings').warning('Créneau libéré', extra={'n': 7})"
    )
    # DEBUG=1 and no SECRET_KEY: a development machine starts without a key.
    env = {"DEBUG": "1", "COOP_VAR_DIR": str(tmp_path), "LOG_FORMAT": "json"}
    result = manage("shell", "--no-imports", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["level"] == "WARNING" and record["logger"] == "coopconnect.bookings"
    assert record["message"] == "Créneau libéré" and record["n"] == 7 and "time" in record


def test_error_reporting_is_on_only_with_a_dsn(tmp_path):
    script = (
        "import sys; loaded = 'sentry_sdk' in sys.modules;"
        "client = sys.modules['sentry_sdk'].get_client() if loaded else None;"
        "print(loaded, bool(client and client.is_active()), client and client.options['send_default_pii'])"
    )
    env = {"DEBUG": "1", "COOP_VAR_DIR": str(tmp_path)}
    without = manage("shell", "--no-imports", "-c", script, env=env)
    assert without.stdout.split() == ["False", "False", "None"], without.stderr
    with_dsn = manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env={**env, "SENTRY_DSN": "https://key@sentry.example.invalid/1"},
    )
    assert with_dsn.stdout.split() == ["True", "True", "False"], with_dsn.stderr
