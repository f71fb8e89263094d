"""Two-factor sign-in as a person meets it: their organisation requires it, they switch it on with
their authenticator app, sign out, and sign in with their password and a code.

The test plays the app: it reads the key shown on the page and computes codes with pyotp.
"""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from regie.accounts import two_factor
from regie.accounts.roles import OrganisationRole
from tests.browser.conftest import PageProblems, label, tr
from tests.factories import PASSWORD, OrganisationFactory, OrganisationMembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_with_password(page: Page, email: str) -> None:
    page.get_by_label(label(tr("en", "e-mail address"))).fill(email)
    page.get_by_label(label(tr("en", "Password"))).fill(PASSWORD)
    page.get_by_role("button", name=tr("en", "Sign in"), exact=True).click()


def test_member_switches_on_two_factor_and_signs_in_with_a_code(page: Page, live_url: str, problems: PageProblems):
    problems.watch(page)
    organisation = OrganisationFactory(name="Compagnie Het Zuiden", slug="het-zuiden", require_two_factor=True)
    user = UserFactory(name="Lies Peeters", email="lies@het-zuiden.be", language="nl")
    OrganisationMembershipFactory(organisation=organisation, user=user, role=OrganisationRole.STAFF)
    home = live_url + reverse("productions:organisation_home", args=[organisation.slug])

    # Signing in with the password only, Lies is sent to the set-up page, told why, in Dutch.
    page.goto(reverse("accounts:login") + "?next=" + reverse("productions:organisation_home", args=[organisation.slug]))
    sign_in_with_password(page, user.email)
    expect(page).to_have_url(re.compile(re.escape(reverse("accounts:two_factor_setup"))))
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    why = tr("nl", "%(names)s requires two-factor sign-in. Switch it on to use the organisation's pages.")
    expect(page.get_by_role("status")).to_contain_text(why % {"names": organisation.name})

    # The QR code is drawn inline; the key is there as text for typing by hand.
    expect(page.locator("figure.qr-code svg")).to_be_visible()
    totp = pyotp.TOTP(page.locator("#two-factor-key").inner_text().replace(" ", ""))
    page.get_by_label(label(tr("nl", "code"))).fill(totp.now())
    page.get_by_role("button", name=tr("nl", "Switch on"), exact=True).click()

    # The ten recovery codes, shown once; then on to the page she asked for.
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("nl", "Your recovery codes"))
    expect(page.locator("ol.recovery-codes li")).to_have_count(10)
    page.get_by_role("link", name=tr("nl", "I have kept my recovery codes")).click()
    expect(page).to_have_url(home)
    assert two_factor.two_factor_on(user) is True

    # Signing out and in again: the password alone is not enough.
    page.get_by_role("button", name=tr("nl", "Sign out")).click()
    expect(page).to_have_url(re.compile(re.escape(reverse("accounts:login"))))
    page.goto(reverse("accounts:login") + "?next=" + reverse("productions:organisation_home", args=[organisation.slug]))
    sign_in_with_password(page, user.email)
    expect(page).to_have_url(live_url + reverse("accounts:login_code"))
    expect(page.get_by_role("heading", level=1)).to_have_text(tr("nl", "Two-factor sign-in"))

    # A wrong code is refused, in her language.
    # The app's next code: the one used to switch it on cannot be used twice, and one step of
    # clock drift is allowed, so this is what a person gets by waiting for the code to change.
    right = totp.at(time.time() + totp.interval)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    code_field = page.get_by_label(label(tr("nl", "code")))
    code_field.fill(wrong)
    page.get_by_role("button", name=tr("nl", "Sign in"), exact=True).click()
    expect(page.locator(".errorlist")).to_have_text(
        tr(
            "nl",
            "This code is not right. Enter the 6-digit code that your authenticator app shows now, "
            "or an unused recovery code.",
        )
    )
    expect(page).to_have_url(live_url + reverse("accounts:login_code"))

    # The right code signs her in and follows `next`.
    code_field.fill(right)
    page.get_by_role("button", name=tr("nl", "Sign in"), exact=True).click()
    expect(page).to_have_url(home)
    expect(page.get_by_role("link", name="Lies", exact=True)).to_be_visible()
    assert problems.items == []
