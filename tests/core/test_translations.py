"""Every string the interface shows has a Dutch and a French translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

import regie

PACKAGE = Path(regie.__file__).parent


def _statistics(po: Path) -> str:
    result = subprocess.run(
        ["msgfmt", "--check-format", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stderr.strip()


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext (msgfmt) is not installed")
def test_catalogues_complete_after_extracting_current_strings(tmp_path):
    """Extract the strings of the code as it is now into a copy, so a new untranslated string fails."""
    copy = tmp_path / "regie"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
    regie_script = Path(sys.executable).with_name("regie")
    subprocess.run(
        [str(regie_script), "makemessages", "-l", "nl", "-l", "fr", "--no-obsolete", "-v", "0"],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "SECRET_KEY": "test", "DJANGO_SETTINGS_MODULE": "regie.settings"},
    )
    for language in ("nl", "fr"):
        stats = _statistics(copy / "locale" / language / "LC_MESSAGES" / "django.po")
        assert "untranslated" not in stats and "fuzzy" not in stats, f"{language}: {stats}"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "Productieleider"), ("fr", "Directeur de production"), ("en", "Production manager")],
)
def test_role_label_uses_trade_vocabulary(language, expected):
    from regie.accounts.roles import Role

    with translation.override(language):
        assert str(Role.PRODUCTION_MANAGER.label) == expected
