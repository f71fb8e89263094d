"""Fixtures for the browser tests: Debian's Chromium, Django's live server, a real SMTP server.

The tests drive Chromium through Playwright's sync API against `live_server` (a transactional
test database, so the server thread sees what the test creates). UI texts depend on the
language, so tests compute them with Django's gettext (`tr`) rather than hard-coding English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.test import Client
from django.utils import translation
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Response, expect

from tests.browser.smtp import Mailbox, SMTPServer

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# Two xdist workers share two cores with the rest of the suite: give assertions some slack.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Debian's Chromium; never a browser downloaded by `playwright install`."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session", autouse=True)
def _close_connections_opened_under_playwright(playwright: Any) -> Iterator[None]:
    """Close the main thread's database connections before Playwright stops.

    While Playwright's sync API is started, its event loop counts as running in the main thread,
    so Django (through asgiref's Local) keeps that thread's connections in a separate,
    context-local slot for the rest of the session. Left open, they keep PostgreSQL from
    dropping the test database ("database ... is being accessed by other users").
    """
    yield
    connections.close_all()


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any], live_server: Any) -> dict[str, Any]:
    """Every context talks to the live server, as an English-speaking browser in Brussels."""
    return {
        **browser_context_args,
        "base_url": live_server.url,
        "locale": "en-GB",
        "timezone_id": "Europe/Brussels",
        "viewport": DESKTOP,
    }


@pytest.fixture
def live_url(live_server: Any, settings: Any) -> str:
    """The live server's URL, also used by the app for links in mails (REGIE_BASE_URL)."""
    settings.REGIE_BASE_URL = live_server.url
    return str(live_server.url)


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SMTPServer]:
    server = SMTPServer(Mailbox())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(smtp_server: SMTPServer, settings: Any, live_url: str) -> Mailbox:
    """Django sends through its SMTP backend to the test's SMTP server; the mailbox starts empty."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    smtp_server.mailbox.clear()
    return smtp_server.mailbox


class PageProblems:
    """What a person would notice as broken: script errors, console errors (CSP violations
    among them) and static files that do not load.

    "Failed to load resource" console lines are left out: tests open 403 and 404 pages on
    purpose, and a static file that fails is reported by its response.
    """

    def __init__(self) -> None:
        self.items: list[str] = []

    def watch(self, page: Page) -> Page:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.items.append(f"{page.url}: page error: {error}"))
        page.on("response", self._response)
        return page

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.items.append(f"{message.page.url if message.page else '?'}: console: {message.text}")

    def _response(self, response: Response) -> None:
        if "/static/" in response.url and response.status >= 400:
            self.items.append(f"{response.url}: HTTP {response.status}")


@pytest.fixture
def problems() -> PageProblems:
    return PageProblems()


def tr(language: str, message: str, context: str | None = None) -> str:
    """`message` as the app shows it in `language` (the English text while no catalogue is compiled)."""
    with translation.override(language):
        if context is not None:
            return translation.pgettext(context, message)
        return translation.gettext(message)


def label(text: str) -> re.Pattern[str]:
    """A form label as Django renders it: the text, any case, then the label suffix (":" or " :")."""
    return re.compile(rf"^\s*{re.escape(text)}\s*:?\s*$", re.IGNORECASE)


def sign_in_with_cookie(context: BrowserContext, user: Any, url: str) -> None:
    """Open a session for `user` without the login form (the onboarding test covers the form)."""
    client = Client()
    client.force_login(user)
    session_key = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": django_settings.SESSION_COOKIE_NAME, "value": session_key, "url": url}])
