from __future__ import annotations

import os

import pytest

# Django's live server runs in a thread; Playwright's sync API runs an event loop in the test's.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    """A fast password hasher, a fresh in-process cache (login throttling) and empty file
    storages (personal documents, receipts) for each test."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private"},
        },
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    yield
    # A view that switched the language must not leave it switched for the next test.
    translation.deactivate()


@pytest.fixture
def assert_flat_queries(client, django_assert_num_queries):
    """Check that a list page costs as many queries with three items as with one.

    Call it with the page's URL (showing one item) and a function that adds two more.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(url: str, add_two) -> None:
        client.get(url)  # warm what does not depend on the items (content types, session)
        with CaptureQueriesContext(connection) as one:
            assert client.get(url).status_code == 200
        expected = len(one)  # now: every request resets the connection's query log
        add_two()
        # Warm again: a cache keyed on the data (the schedule's conflict count) misses once after a change.
        client.get(url)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200

    return check


# Rows that data migrations load (dated settings). A transactional test (the browser tests, run
# against a live server) ends by flushing the database, and with pytest-xdist nothing guarantees
# that those tests run last on their worker: tests that follow would find the tables empty.
DATA_MIGRATIONS = {
    "regie.budgets.migrations.0002_fringe_defaults": "budgets.FringeDefault",
    "regie.scheduling.migrations.0002_working_time_defaults": "scheduling.WorkingTimeRule",
    "regie.contracts.migrations.0002_shipped_templates": "contracts.ContractTemplate",
    "regie.contracts.migrations.0003_allowance_settings": "contracts.AllowanceSetting",
    "regie.contracts.migrations.0007_solidarity_settings": "contracts.AllowanceSetting",
}


@pytest.fixture(autouse=True)
def _rows_of_data_migrations(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is None and "db" not in request.fixturenames:
        return
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    request.getfixturevalue("transactional_db" if transactional else "db")
    import importlib

    from django.apps import apps

    empty = {label for label in set(DATA_MIGRATIONS.values()) if not apps.get_model(label).objects.exists()}
    for module_name, model_label in DATA_MIGRATIONS.items():
        if model_label in empty:
            importlib.import_module(module_name).load(apps, None)
