"""With REDIS_URL set, the shared cache is Redis: the log-in throttle and the API's rate limit
count there, so every worker process sees the same counts. Runs against the machine's Redis at
127.0.0.1:6379 (a database of its own per test worker, emptied after each test); skipped when
no Redis answers."""

from __future__ import annotations

import os
import socket

import pytest
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.urls import reverse

from regie.accounts import throttle
from regie.api import tokens
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings):
    if not redis_answers():
        pytest.skip("no Redis at 127.0.0.1:6379 (apt-get install redis-server, or set REDIS_URL)")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    database = 15 - int(worker.removeprefix("gw") or 0) % 4  # 15, 14, 13, 12: one per test worker
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:6379/{database}",
        }
    }
    caches["default"].clear()
    yield caches["default"]
    caches["default"].clear()


def fresh_cache_connection():
    """What another worker process would see: a new connection to the same cache."""
    caches["default"].close()
    del caches["default"]
    return caches["default"]


def test_login_throttle_counts_in_redis_for_every_worker(redis_cache, settings):
    settings.REGIE_LOGIN_MAX_FAILURES = 3
    user = UserFactory()
    for _ in range(3):
        Client().post(reverse("accounts:login"), {"username": user.email, "password": "wrong"})

    other_worker = fresh_cache_connection()
    response = Client().post(reverse("accounts:login"), {"username": user.email, "password": PASSWORD})

    assert "_auth_user_id" not in response.wsgi_request.session
    email_key = throttle._keys(RequestFactory().post("/"), user.email)[0]
    assert other_worker.get(email_key) == 3


def test_api_rate_limit_counts_in_redis_for_every_worker(redis_cache, settings):
    settings.REGIE_API_RATE = "2/min"
    _token, secret = tokens.create_token(UserFactory(), name="t", read_only=True, days=None)
    client = Client(headers={"Authorization": f"Bearer {secret}"})

    first = [client.get("/api/v1/me").status_code for _ in range(2)]
    fresh_cache_connection()
    third = client.get("/api/v1/me")

    assert (first, third.status_code) == ([200, 200], 429)
