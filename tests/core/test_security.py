"""Security settings that hold for the whole project: documentation, CSP, templates, deployment checks."""

from __future__ import annotations

import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import regie
from regie.accounts.roles import permissions_markdown
from tests.factories import UserFactory

PACKAGE = Path(regie.__file__).parent
REPOSITORY = PACKAGE.parent.parent
# Mail templates (templates/*/email/) are exempt from the style rules only: mail programs ignore
# style sheets, so mail is styled inline, and it is never served under the pages' CSP. They are
# checked for scripts and handlers, which no mail program runs and no mail should carry.
TEMPLATES = sorted(path for path in PACKAGE.rglob("*.html") if "templates" in path.relative_to(PACKAGE).parts[:-1])
MAIL_TEMPLATES = {path for path in TEMPLATES if "email" in path.relative_to(PACKAGE).parts[:-1]}

INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
HANDLER_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_permissions_doc_matches_role_table():
    # Arrange
    committed = (REPOSITORY / "docs" / "permissions.md").read_text(encoding="utf-8")

    # Act
    generated = permissions_markdown()

    # Assert
    assert committed == generated, "docs/permissions.md is stale: run `make permissions-doc`"


@pytest.mark.django_db
@pytest.mark.parametrize("signed_in", [False, True])
def test_pages_send_csp_without_unsafe_script_sources(client, signed_in):
    # Arrange
    if signed_in:
        client.force_login(UserFactory())

    # Act
    response = client.get(reverse("core:home") if signed_in else reverse("accounts:login"))

    # Assert
    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";") if directive
    )
    assert response.status_code == 200
    assert policy["script-src"] == "'self'"
    assert (policy["default-src"], policy["style-src"], policy["object-src"]) == ("'self'", "'self'", "'none'")
    assert "unsafe" not in response["Content-Security-Policy"]


def test_templates_found_to_scan():
    # Assert
    assert PACKAGE / "templates" / "base.html" in TEMPLATES
    assert PACKAGE / "templates" / "core" / "email" / "message.html" in MAIL_TEMPLATES
    assert PACKAGE / "templates" / "base.html" not in MAIL_TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=[str(t.relative_to(PACKAGE)) for t in TEMPLATES])
def test_template_has_no_inline_script_style_or_handler(template):
    # Arrange
    source = template.read_text(encoding="utf-8")

    # Act
    inline_scripts = [body.strip() for body in INLINE_SCRIPT.findall(source) if body.strip()]
    found = {
        "inline <script>": inline_scripts,
        "on…= handler": HANDLER_ATTRIBUTE.findall(source),
    }
    if template not in MAIL_TEMPLATES:
        found["style= attribute"] = STYLE_ATTRIBUTE.findall(source)
        found["<style> element"] = STYLE_ELEMENT.findall(source)

    # Assert
    assert {kind: hits for kind, hits in found.items() if hits} == {}


def clean_environment(**variables: str) -> dict[str, str]:
    """A fresh environment: no REGIE_TESTING, no DATABASE_URL, nothing from the test run."""
    return {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "regie.settings",
        "PYTHONPATH": str(PACKAGE.parent),
        **variables,
    }


def test_deploy_check_with_production_settings_reports_no_issues():
    # Arrange
    env = clean_environment(SECRET_KEY=secrets.token_urlsafe(45)[:60], DEBUG="0", REGIE_HTTPS="1")

    # Act
    result = subprocess.run(
        [sys.executable, "-m", "regie.cli", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    # Assert
    assert (result.returncode, result.stdout.strip()) == (0, "System check identified no issues (0 silenced)."), (
        result.stderr
    )


def test_start_without_secret_key_and_debug_off_refused():
    # Arrange
    env = clean_environment(DEBUG="0")

    # Act
    result = subprocess.run(
        [sys.executable, "-m", "regie.cli", "check"],
        cwd=REPOSITORY,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    # Assert
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: Regie refuses to start with the default SECRET_KEY while "
        "DEBUG is off. Set the SECRET_KEY environment variable to a long random value."
    )
