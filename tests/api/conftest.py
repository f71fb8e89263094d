from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from regie.api import tokens


@pytest.fixture
def api_as():
    """A test client that sends a fresh API token of `user` (read-only unless asked)."""

    def make(user: Any, *, read_only: bool = False, days: int | None = None, language: str = "") -> Client:
        _token, secret = tokens.create_token(user, name="test", read_only=read_only, days=days)
        headers = {"Authorization": f"Bearer {secret}"}
        if language:
            headers["Accept-Language"] = language
        return Client(headers=headers)

    return make
