"""Two-factor sign-in pages: the code step of signing in (throttling, `next`, forged and expired
pending sign-ins), switching it on and off, recovery codes, the organisation's requirement and
an administrator's reset.

Who gets 403 and 404 on which page is walked for every URL in tests/core/test_url_walker.py.
"""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from django.test import Client
from django.urls import reverse

from regie.accounts import two_factor
from regie.accounts.models import Organisation, TwoFactor
from regie.accounts.roles import OrganisationRole
from regie.accounts.two_factor_views import PENDING
from regie.core.models import AuditEntry
from tests.accounts.conftest import page_messages
from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    OrganisationMembershipFactory,
    ProductionFactory,
    UserFactory,
    switch_on_two_factor,
)

pytestmark = pytest.mark.django_db

THROTTLED = "Too many failed attempts. Wait a quarter of an hour and try again, or reset your password."
WRONG_CODE = (
    "This code is not right. Enter the 6-digit code that your authenticator app shows now, or an unused recovery code."
)
REUSED = "This code was used already. Wait for the next code in your authenticator app."
EXPIRED = "Your sign-in has expired. Enter your e-mail address and password again."
LOGIN_CODE = reverse("accounts:login_code")


def sign_in(client: Client, email: str, password: str = PASSWORD, **extra: str):
    return client.post(reverse("accounts:login"), {"username": email, "password": password, **extra})


def enter_code(client: Client, code: str):
    return client.post(LOGIN_CODE, {"code": code})


def signed_in_user(client: Client) -> int | None:
    value = client.session.get("_auth_user_id")
    return int(value) if value else None


@pytest.fixture
def on():
    user = UserFactory()
    return user, switch_on_two_factor(user)


# The two steps of signing in


def test_login_with_two_factor_password_alone_does_not_sign_in(client, on):
    # Arrange
    user, _state = on

    # Act
    response = sign_in(client, user.email)

    # Assert
    assert (response.status_code, response["Location"]) == (302, LOGIN_CODE)
    assert signed_in_user(client) is None
    assert client.session[PENDING]["user"] == user.pk
    assert client.get("/account/")["Location"] == "/login/?next=/account/"


def test_login_code_right_code_signs_in_and_goes_home(client, on):
    # Arrange
    user, state = on
    sign_in(client, user.email)

    # Act
    response = enter_code(client, state.code())

    # Assert
    assert (response.status_code, response["Location"]) == (302, "/")
    assert signed_in_user(client) == user.pk
    assert PENDING not in client.session


def test_login_code_safe_next_followed_after_the_code(client, on):
    # Arrange
    user, state = on
    sign_in(client, user.email, next="/account/two-factor/")

    # Act
    response = enter_code(client, state.code())

    # Assert
    assert response["Location"] == "/account/two-factor/"


def test_login_code_unsafe_next_not_followed(client, on):
    # Arrange
    user, state = on
    sign_in(client, user.email, next="https://evil.example/")

    # Act
    response = enter_code(client, state.code())

    # Assert
    assert response["Location"] == "/"
    assert signed_in_user(client) == user.pk


def test_login_code_wrong_code_refused_with_message_and_logged(client, on):
    # Arrange
    user, state = on
    sign_in(client, user.email)
    wrong = f"{(int(state.code()) + 1) % 1_000_000:06d}"

    # Act
    response = enter_code(client, wrong)

    # Assert
    assert response.status_code == 200
    assert response.context["form"].errors == {"code": [WRONG_CODE]}
    assert signed_in_user(client) is None
    entry = AuditEntry.objects.get(action="accounts.two_factor.failed")
    assert (entry.object_id, entry.data) == (str(user.pk), {"purpose": "sign-in", "why": "wrong"})


def test_login_code_same_code_again_after_signing_out_refused(client, on):
    # Arrange
    user, state = on
    code = state.code()
    sign_in(client, user.email)
    enter_code(client, code)
    client.post(reverse("accounts:logout"))
    sign_in(client, user.email)

    # Act
    response = enter_code(client, code)

    # Assert
    assert response.context["form"].errors == {"code": [REUSED]}
    assert signed_in_user(client) is None


def test_login_code_recovery_code_signs_in_once_and_says_how_many_are_left(client, on):
    # Arrange
    user, state = on
    sign_in(client, user.email)

    # Act
    response = client.post(LOGIN_CODE, {"code": state.recovery_codes[0]}, follow=True)
    client.post(reverse("accounts:logout"))
    sign_in(client, user.email)
    again = enter_code(client, state.recovery_codes[0])

    # Assert
    assert page_messages(response) == [
        "You signed in with a recovery code; it cannot be used again. 9 recovery codes are left."
    ]
    assert again.context["form"].errors == {"code": [WRONG_CODE]}
    assert signed_in_user(client) is None


def test_login_code_after_max_failures_right_code_refused(client, on, settings):
    # Arrange
    user, state = on
    sign_in(client, user.email)
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES):
        enter_code(client, "000000")

    # Act
    response = enter_code(client, state.code())

    # Assert
    assert response.context["form"].non_field_errors() == [THROTTLED]
    assert signed_in_user(client) is None
    assert two_factor.use_code(user, state.code(), purpose="check").accepted  # the code was not spent


def test_login_code_failures_not_cleared_by_entering_the_password_again(client, on, settings):
    # Arrange: wrong codes one short of the limit, then the password again, then one more wrong code
    user, _state = on
    sign_in(client, user.email)
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES - 1):
        enter_code(client, "000000")
    sign_in(client, user.email)
    enter_code(client, "000000")

    # Act
    password_again = sign_in(client, user.email)

    # Assert
    assert password_again.status_code == 200
    assert password_again.context["form"].non_field_errors() == [THROTTLED]


def test_login_code_success_clears_the_failures(client, on, settings):
    # Arrange
    user, state = on
    sign_in(client, user.email)
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES - 1):
        enter_code(client, "000000")
    enter_code(client, state.code())
    client.post(reverse("accounts:logout"))

    # Act: as many failures again as the limit allows, then the right password
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES - 1):
        sign_in(client, user.email, "not-the-password")
    response = sign_in(client, user.email)

    # Assert
    assert response["Location"] == LOGIN_CODE


def test_login_code_page_in_the_users_language(client, on):
    # Arrange
    user, _state = on
    user.language = "nl"
    user.save()
    sign_in(client, user.email)

    # Act
    response = enter_code(client, "000000")

    # Assert
    assert response["Content-Language"] == "nl"
    assert response.context["form"].errors["code"] == [
        "Deze code klopt niet. Geef de 6-cijferige code die je authenticator-app nu toont, "
        "of een ongebruikte herstelcode."
    ]


def test_login_code_page_follows_a_language_chosen_on_the_page(client, on):
    # Arrange
    user, _state = on
    user.language = "nl"
    user.save()
    client.cookies["regie_language"] = "fr"
    sign_in(client, user.email)

    # Act
    response = client.get(LOGIN_CODE)

    # Assert
    assert response["Content-Language"] == "fr"
    assert "<h1>Authentification à deux facteurs</h1>" in response.content.decode()


# Pending sign-ins that are missing, expired or forged


def test_login_code_without_password_step_sends_to_login(client):
    # Act
    response = client.post(LOGIN_CODE, {"code": "123456"}, follow=True)

    # Assert
    assert response.redirect_chain == [(reverse("accounts:login"), 302)]
    assert page_messages(response) == [EXPIRED]
    assert signed_in_user(client) is None


def test_login_code_after_the_time_limit_sends_to_login(client, on, settings):
    # Arrange
    user, state = on
    sign_in(client, user.email)
    session = client.session
    session[PENDING] = {**session[PENDING], "since": int(time.time()) - settings.REGIE_TWO_FACTOR_PENDING_SECONDS - 1}
    session.save()

    # Act
    response = client.post(LOGIN_CODE, {"code": state.code()}, follow=True)

    # Assert
    assert page_messages(response) == [EXPIRED]
    assert signed_in_user(client) is None
    assert PENDING not in client.session
    assert two_factor.use_code(user, state.code(), purpose="check").accepted  # not spent by the refused page


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda pending, other: {**pending, "user": other.pk}, id="other-user-without-two-factor"),
        pytest.param(lambda pending, other: {**pending, "auth": "0" * 64}, id="wrong-password-hash"),
        pytest.param(lambda pending, other: {**pending, "since": "yesterday"}, id="malformed-time"),
        pytest.param(lambda pending, other: {**pending, "since": int(time.time()) + 3600}, id="time-in-future"),
        pytest.param(lambda pending, other: {"user": pending["user"]}, id="fields-missing"),
        pytest.param(lambda pending, other: "not a dict", id="not-a-dict"),
    ],
)
def test_login_code_forged_pending_sign_in_refused(client, on, forge):
    # Arrange
    user, state = on
    other = UserFactory()
    sign_in(client, user.email)
    session = client.session
    session[PENDING] = forge(session[PENDING], other)
    session.save()

    # Act
    response = client.post(LOGIN_CODE, {"code": state.code()})

    # Assert
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user(client) is None


def test_login_code_pending_ends_when_the_password_changes(client, on):
    # Arrange
    user, state = on
    sign_in(client, user.email)
    user.set_password("Een-ander-wachtwoord-2027")
    user.save()

    # Act
    response = enter_code(client, state.code())

    # Assert
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user(client) is None


def test_login_code_pending_ends_when_two_factor_is_reset_meanwhile(client, on):
    # Arrange
    user, state = on
    sign_in(client, user.email)
    TwoFactor.objects.filter(user=user).delete()

    # Act
    response = enter_code(client, state.code())

    # Assert
    assert response["Location"] == reverse("accounts:login")
    assert signed_in_user(client) is None


# Password reset does not switch it off


def test_password_reset_keeps_two_factor_on(client, on, mailoutbox):
    # Arrange
    user, state = on
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    link = re.search(r"http://127\.0\.0\.1:8000(/password/reset/\S+/\S+/)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "Nieuw-wachtwoord-voor-de-tournee"
    client.post(form_page.redirect_chain[-1][0], {"new_password1": new_password, "new_password2": new_password})

    # Act
    response = sign_in(client, user.email, new_password)

    # Assert
    assert two_factor.two_factor_on(user) is True
    assert response["Location"] == LOGIN_CODE
    assert signed_in_user(client) is None
    assert enter_code(client, state.code())["Location"] == "/"


# Switching it on from the account page


def test_setup_page_shows_qr_code_inline_and_the_key(client):
    # Arrange
    user = UserFactory(email="jonas@example.be")
    client.force_login(user)

    # Act
    response = client.get(reverse("accounts:two_factor_setup"))
    again = client.get(reverse("accounts:two_factor_setup"))

    # Assert
    html = response.content.decode()
    secret = TwoFactor.objects.get(user=user).secret
    assert response.status_code == 200
    assert "<svg" in html
    assert "<script>" not in html
    assert response.context["key"].replace(" ", "") == secret
    assert again.context["key"] == response.context["key"]
    assert "no-store" in response["Cache-Control"]


def test_setup_right_code_switches_on_and_shows_recovery_codes_once(client):
    # Arrange
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("accounts:two_factor_setup"))
    secret = TwoFactor.objects.get(user=user).secret

    # Act
    response = client.post(reverse("accounts:two_factor_setup"), {"code": pyotp.TOTP(secret).now()})
    later = client.get(reverse("accounts:two_factor"))

    # Assert
    codes = response.context["codes"]
    assert response.status_code == 200
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert "no-store" in response["Cache-Control"]
    assert two_factor.two_factor_on(user) is True
    assert not any(code in later.content.decode() for code in codes)


def test_switching_on_signs_the_person_out_everywhere_else(client):
    user = UserFactory()
    elsewhere = Client()
    elsewhere.force_login(user)
    client.force_login(user)
    client.get(reverse("accounts:two_factor_setup"))
    secret = TwoFactor.objects.get(user=user).secret

    client.post(reverse("accounts:two_factor_setup"), {"code": pyotp.TOTP(secret).now()})

    assert client.get(reverse("accounts:profile")).status_code == 200
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302  # back to the sign-in page


def test_setup_new_key_replaces_the_key_not_yet_confirmed(client):
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("accounts:two_factor_setup"))
    old = TwoFactor.objects.get(user=user).secret

    response = client.post(reverse("accounts:two_factor_new_key"), follow=True)
    new = TwoFactor.objects.get(user=user).secret
    with_old_key = client.post(reverse("accounts:two_factor_setup"), {"code": pyotp.TOTP(old).now()})

    assert new != old and "A new key was made" in response.content.decode()
    assert with_old_key.status_code == 400 and two_factor.two_factor_on(user) is False


def test_setup_new_key_refused_once_two_factor_is_on(client, on):
    user, device = on
    client.force_login(user)

    client.post(reverse("accounts:two_factor_new_key"))

    assert two_factor.two_factor_on(user) is True and TwoFactor.objects.get(user=user).secret == device.secret


def test_setup_wrong_code_refused_and_stays_off(client):
    # Arrange
    user = UserFactory()
    client.force_login(user)
    client.get(reverse("accounts:two_factor_setup"))

    # Act
    response = client.post(reverse("accounts:two_factor_setup"), {"code": "12345x"})

    # Assert
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "code": ["This code is not right. Enter the 6-digit code that your authenticator app shows now."]
    }
    assert two_factor.two_factor_on(user) is False


def test_setup_when_on_goes_to_the_overview(client, on):
    # Arrange
    user, _state = on
    client.force_login(user)

    # Act
    response = client.get(reverse("accounts:two_factor_setup"))

    # Assert
    assert response["Location"] == reverse("accounts:two_factor")


def test_profile_page_says_whether_two_factor_is_on(client, on):
    # Arrange
    user, _state = on
    other = UserFactory()

    # Act
    client.force_login(user)
    with_it = client.get(reverse("accounts:profile"))
    client.force_login(other)
    without = client.get(reverse("accounts:profile"))

    # Assert
    assert (with_it.context["two_factor_on"], without.context["two_factor_on"]) == (True, False)
    assert "Manage two-factor sign-in" in with_it.content.decode()
    assert "Switch on two-factor sign-in" in without.content.decode()


# Switching it off, new recovery codes


def test_switch_off_with_password_and_code(client, on):
    # Arrange
    user, state = on
    client.force_login(user)

    # Act
    response = client.post(
        reverse("accounts:two_factor_off"), {"off-password": PASSWORD, "off-code": state.code()}, follow=True
    )

    # Assert
    assert page_messages(response) == ["Two-factor sign-in is off."]
    assert two_factor.two_factor_on(user) is False
    assert AuditEntry.objects.filter(action="accounts.two_factor.disabled", user=user).count() == 1


def test_switch_off_wrong_password_refused_and_counted(client, on, settings):
    # Arrange
    user, state = on
    client.force_login(user)

    # Act
    response = client.post(reverse("accounts:two_factor_off"), {"off-password": "nope", "off-code": state.code()})

    # Assert
    assert response.status_code == 400
    assert response.context["off_form"].errors == {"password": ["This password is not right."]}
    assert two_factor.two_factor_on(user) is True


def test_switch_off_throttled_after_max_failures(client, on, settings):
    # Arrange
    user, state = on
    client.force_login(user)
    for _ in range(settings.REGIE_LOGIN_MAX_FAILURES):
        client.post(reverse("accounts:two_factor_off"), {"off-password": PASSWORD, "off-code": "000000"})

    # Act
    response = client.post(reverse("accounts:two_factor_off"), {"off-password": PASSWORD, "off-code": state.code()})

    # Assert
    assert response.context["off_form"].non_field_errors() == [THROTTLED]
    assert two_factor.two_factor_on(user) is True
    assert AuditEntry.objects.filter(action="accounts.two_factor.failed").count() == settings.REGIE_LOGIN_MAX_FAILURES


def test_renew_recovery_codes_with_a_code_shows_ten_new_codes(client, on):
    # Arrange
    user, state = on
    client.force_login(user)

    # Act
    response = client.post(reverse("accounts:two_factor_recovery_codes"), {"renew-code": state.code()})

    # Assert
    assert len(response.context["codes"]) == 10
    assert not set(response.context["codes"]) & set(state.recovery_codes)
    assert AuditEntry.objects.filter(action="accounts.two_factor.recovery_codes_made").count() == 1


def test_renew_recovery_codes_wrong_code_refused(client, on):
    # Arrange
    user, _state = on
    client.force_login(user)

    # Act
    response = client.post(reverse("accounts:two_factor_recovery_codes"), {"renew-code": "000000"})

    # Assert
    assert response.status_code == 400
    assert response.context["renew_form"].errors == {"code": [WRONG_CODE]}
    assert two_factor.recovery_codes_left(user) == 10


def test_overview_shows_the_users_own_two_factor_history(client, on):
    # Arrange
    user, _state = on
    client.force_login(user)
    two_factor.use_code(user, "000000", purpose="sign-in")

    # Act
    response = client.get(reverse("accounts:two_factor"))

    # Assert
    assert [entry.action for entry in response.context["entries"]] == [
        "accounts.two_factor.failed",
        "accounts.two_factor.enabled",
    ]


# The organisation's requirement


@pytest.fixture
def strict():
    """An organisation that requires two-factor sign-in, with one of its productions."""
    organisation = OrganisationFactory(name="Compagnie Streng", require_two_factor=True)
    return organisation, ProductionFactory(organisation=organisation)


def test_requirement_member_without_two_factor_sent_to_setup_at_sign_in(client, strict):
    # Arrange
    organisation, _production = strict
    user = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=user)

    # Act
    response = sign_in(client, user.email, next="/account/")
    setup = client.get(response["Location"])

    # Assert
    assert response["Location"] == reverse("accounts:two_factor_setup") + "?next=%2Faccount%2F"
    assert signed_in_user(client) == user.pk
    assert page_messages(setup) == [
        "Compagnie Streng requires two-factor sign-in. Switch it on to use the organisation's pages."
    ]
    assert setup.context["next"] == "/account/"


@pytest.mark.parametrize("page", ["organisation", "production"])
def test_requirement_member_without_two_factor_cannot_open_the_organisations_pages(client, strict, page):
    # Arrange
    organisation, production = strict
    user = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=user, role=OrganisationRole.ADMIN)
    client.force_login(user)
    url = (
        reverse("productions:organisation_home", kwargs={"slug": organisation.slug})
        if page == "organisation"
        else reverse("productions:dashboard", kwargs={"pk": production.pk})
    )

    # Act
    response = client.get(url)
    htmx = client.get(url, headers={"HX-Request": "true"})

    # Assert
    expected = reverse("accounts:two_factor_setup") + "?next=" + url.replace("/", "%2F")
    assert (response.status_code, response["Location"]) == (302, expected)
    assert (htmx.status_code, htmx["HX-Redirect"]) == (204, expected)


def test_requirement_member_with_two_factor_opens_the_pages(client, strict):
    # Arrange
    organisation, production = strict
    user = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=user, role=OrganisationRole.ADMIN)
    switch_on_two_factor(user)
    client.force_login(user)

    # Act
    response = client.get(reverse("productions:dashboard", kwargs={"pk": production.pk}))

    # Assert
    assert response.status_code == 200


def test_requirement_stranger_still_gets_not_found(client, strict):
    # Arrange
    organisation, _production = strict
    client.force_login(UserFactory())

    # Act
    response = client.get(reverse("productions:organisation_home", kwargs={"slug": organisation.slug}))

    # Assert
    assert response.status_code == 404


def test_requirement_of_one_organisation_does_not_block_another(client, strict):
    # Arrange
    organisation, _production = strict
    relaxed = OrganisationFactory()
    user = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=user)
    OrganisationMembershipFactory(organisation=relaxed, user=user)
    client.force_login(user)

    # Act
    response = client.get(reverse("productions:organisation_home", kwargs={"slug": relaxed.slug}))

    # Assert
    assert response.status_code == 200


def test_organisation_requirement_switched_on_by_admin_with_two_factor(client, admin_of):
    # Arrange
    organisation, admin = admin_of
    switch_on_two_factor(admin)

    # Act
    response = client.post(
        reverse("accounts:organisation_two_factor", kwargs={"slug": organisation.slug}),
        {"require_two_factor": "on"},
        follow=True,
    )

    # Assert
    assert page_messages(response) == ["Every member must now use two-factor sign-in."]
    assert Organisation.objects.get(pk=organisation.pk).require_two_factor is True
    assert AuditEntry.objects.filter(organisation=organisation, action="accounts.organisation.changed").count() == 1


def test_organisation_requirement_by_admin_without_two_factor_refused_with_message(client, admin_of):
    # Arrange
    organisation, _admin = admin_of

    # Act
    response = client.post(
        reverse("accounts:organisation_two_factor", kwargs={"slug": organisation.slug}),
        {"require_two_factor": "on"},
        follow=True,
    )

    # Assert
    assert page_messages(response) == ["Switch on two-factor sign-in for your own account first."]
    assert Organisation.objects.get(pk=organisation.pk).require_two_factor is False


def test_organisation_requirement_of_another_organisation_not_found(client, admin_of):
    # Arrange
    other = OrganisationFactory()

    # Act
    response = client.post(
        reverse("accounts:organisation_two_factor", kwargs={"slug": other.slug}), {"require_two_factor": "on"}
    )

    # Assert
    assert response.status_code == 404
    assert Organisation.objects.get(pk=other.pk).require_two_factor is False


def test_members_page_shows_who_has_two_factor_on(client, admin_of):
    # Arrange
    organisation, admin = admin_of
    with_it = OrganisationMembershipFactory(organisation=organisation)
    switch_on_two_factor(with_it.user)

    # Act
    response = client.get(reverse("accounts:members", kwargs={"slug": organisation.slug}))

    # Assert
    rows = {m.user.pk: m.two_factor_on for m in response.context["page"]}
    reset_url = reverse("accounts:member_two_factor_reset", kwargs={"slug": organisation.slug, "member_pk": with_it.pk})
    assert rows == {with_it.user.pk: True, admin.pk: False}
    assert response.context["without_two_factor"] == 1
    assert reset_url in response.content.decode()


# An administrator's reset


def test_member_reset_with_admin_password_switches_off_and_tells_the_member(
    client, admin_of, mailoutbox, django_capture_on_commit_callbacks
):
    # Arrange
    organisation, _admin = admin_of
    membership = OrganisationMembershipFactory(organisation=organisation)
    switch_on_two_factor(membership.user)
    url = reverse("accounts:member_two_factor_reset", kwargs={"slug": organisation.slug, "member_pk": membership.pk})

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"password": PASSWORD})

    # Assert
    assert response["Location"] == reverse("accounts:members", kwargs={"slug": organisation.slug})
    assert two_factor.two_factor_on(membership.user) is False
    assert [mail.to for mail in mailoutbox] == [[membership.user.email]]
    assert AuditEntry.objects.get(action="accounts.two_factor.reset").organisation == organisation


def test_member_reset_signs_the_member_out_everywhere(client, admin_of):
    organisation, _admin = admin_of
    membership = OrganisationMembershipFactory(organisation=organisation)
    switch_on_two_factor(membership.user)
    member_browser = Client()
    member_browser.force_login(membership.user)
    url = reverse("accounts:member_two_factor_reset", kwargs={"slug": organisation.slug, "member_pk": membership.pk})

    client.post(url, {"password": PASSWORD})

    assert member_browser.get(reverse("accounts:profile")).status_code == 302


def test_member_reset_wrong_admin_password_refused(client, admin_of):
    # Arrange
    organisation, _admin = admin_of
    membership = OrganisationMembershipFactory(organisation=organisation)
    switch_on_two_factor(membership.user)
    url = reverse("accounts:member_two_factor_reset", kwargs={"slug": organisation.slug, "member_pk": membership.pk})

    # Act
    response = client.post(url, {"password": "not-the-password"})

    # Assert
    assert response.status_code == 400
    assert response.context["form"].errors == {"password": ["This password is not right."]}
    assert two_factor.two_factor_on(membership.user) is True


def test_member_reset_member_of_another_organisation_not_found(client, admin_of):
    # Arrange
    organisation, _admin = admin_of
    elsewhere = OrganisationMembershipFactory()
    switch_on_two_factor(elsewhere.user)
    url = reverse("accounts:member_two_factor_reset", kwargs={"slug": organisation.slug, "member_pk": elsewhere.pk})

    # Act
    response = client.post(url, {"password": PASSWORD})

    # Assert
    assert response.status_code == 404
    assert two_factor.two_factor_on(elsewhere.user) is True


def test_member_reset_by_staff_forbidden(client):
    # Arrange
    organisation = OrganisationFactory()
    staff = OrganisationMembershipFactory(organisation=organisation, role=OrganisationRole.STAFF).user
    membership = OrganisationMembershipFactory(organisation=organisation)
    switch_on_two_factor(membership.user)
    client.force_login(staff)
    url = reverse("accounts:member_two_factor_reset", kwargs={"slug": organisation.slug, "member_pk": membership.pk})

    # Act
    response = client.post(url, {"password": PASSWORD})

    # Assert
    assert response.status_code == 403
    assert two_factor.two_factor_on(membership.user) is True
