"""Two-factor sign-in services: codes, replays, clock drift, recovery codes, encryption at rest,
switching off, the organisation's requirement and an administrator's reset."""

from __future__ import annotations

import io

import pyotp
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from regie.accounts import two_factor
from regie.accounts.models import Organisation, RecoveryCode, TwoFactor
from regie.accounts.roles import OrganisationRole
from regie.accounts.services import AccountError
from regie.core.models import AuditEntry
from regie.core.uploads import token_digest
from regie.people.crypto import decrypt
from tests.factories import (
    PASSWORD,
    OrganisationFactory,
    OrganisationMembershipFactory,
    UserFactory,
    code_at,
    switch_on_two_factor,
)

pytestmark = pytest.mark.django_db

# A fixed moment, so that time steps are known: 30-second step number NOW // 30.
NOW = 1_900_000_005.0
STEP = 30


def actions(user) -> list[str]:
    return list(
        AuditEntry.objects.filter(object_id=str(user.pk), action__startswith="accounts.two_factor.")
        .order_by("pk")
        .values_list("action", flat=True)
    )


@pytest.fixture
def on():
    """A user whose two-factor sign-in was switched on ten minutes before NOW."""
    user = UserFactory()
    return user, switch_on_two_factor(user, at=NOW - 600)


# Switching it on


def test_start_setup_twice_keeps_the_secret_already_shown():
    # Arrange
    user = UserFactory()
    first = two_factor.start_setup(user)

    # Act
    second = two_factor.start_setup(user)

    # Assert
    assert second.secret == first.secret
    assert len(first.secret) == 32
    assert two_factor.two_factor_on(user) is False


def test_provisioning_uri_names_regie_and_the_users_address():
    # Arrange
    user = UserFactory(email="lies@het-zuiden.be")
    device = two_factor.start_setup(user)

    # Act
    totp = pyotp.parse_uri(two_factor.provisioning_uri(device))

    # Assert
    assert (totp.issuer, totp.name, totp.secret) == ("Regie", "lies@het-zuiden.be", device.secret)


def test_qr_code_is_inline_svg_without_script_or_style():
    # Act
    svg = two_factor.qr_code_svg("otpauth://totp/Regie:x?secret=ABC&issuer=Regie")

    # Assert
    assert svg.startswith("<svg")
    assert svg.rstrip().endswith("</svg>")
    assert ("<script" in svg, "style=" in svg, "<?xml" in svg) == (False, False, False)


def test_confirm_setup_right_code_switches_on_with_ten_recovery_codes():
    # Arrange
    user = UserFactory()
    device = two_factor.start_setup(user)

    # Act
    codes = two_factor.confirm_setup(user, code_at(device.secret, NOW), now=NOW)

    # Assert
    device.refresh_from_db()
    assert device.is_on is True
    assert device.last_step == int(NOW) // STEP
    assert len(codes) == 10 == len(set(codes))
    assert all(len(code) == 19 and code.count("-") == 3 for code in codes)
    assert actions(user) == ["accounts.two_factor.enabled"]


def test_confirm_setup_wrong_code_leaves_it_off():
    # Arrange
    user = UserFactory()
    device = two_factor.start_setup(user)
    wrong = code_at(device.secret, NOW + 10 * STEP)

    # Act
    with pytest.raises(two_factor.WrongCode):
        two_factor.confirm_setup(user, wrong, now=NOW)

    # Assert
    device.refresh_from_db()
    assert device.is_on is False
    assert RecoveryCode.objects.filter(user=user).count() == 0


def test_start_setup_when_on_refused(on):
    # Arrange
    user, _state = on

    # Act and assert
    with pytest.raises(AccountError, match="already on"):
        two_factor.start_setup(user)


# Encryption at rest


def test_secret_is_encrypted_in_the_database(on):
    # Arrange
    user, state = on

    # Act
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_twofactor WHERE user_id = %s", [user.pk])
        stored = cursor.fetchone()[0]

    # Assert
    assert state.secret not in stored
    assert stored != ""
    assert decrypt(stored) == state.secret
    assert TwoFactor.objects.get(user=user).secret == state.secret


def test_recovery_codes_stored_only_as_digests(on):
    # Arrange
    user, state = on

    # Act
    stored = set(RecoveryCode.objects.filter(user=user).values_list("code_hash", flat=True))

    # Assert
    assert stored == {token_digest(code.replace("-", "")) for code in state.recovery_codes}
    assert not any(code.replace("-", "") in digest for code in state.recovery_codes for digest in stored)


# Codes at sign-in


def test_use_code_current_code_accepted_and_step_remembered(on):
    # Arrange
    user, state = on

    # Act
    result = two_factor.use_code(user, code_at(state.secret, NOW), purpose="sign-in", now=NOW)

    # Assert
    assert result == two_factor.CodeResult.AUTHENTICATOR
    assert TwoFactor.objects.get(user=user).last_step == int(NOW) // STEP


def test_use_code_same_code_twice_refused_as_reused(on):
    # Arrange
    user, state = on
    code = code_at(state.secret, NOW)
    two_factor.use_code(user, code, purpose="sign-in", now=NOW)

    # Act
    again = two_factor.use_code(user, code, purpose="sign-in", now=NOW + 5)

    # Assert
    assert again == two_factor.CodeResult.REUSED
    assert actions(user)[-1] == "accounts.two_factor.failed"


def test_use_code_older_code_after_newer_one_refused(on):
    # Arrange
    user, state = on
    two_factor.use_code(user, code_at(state.secret, NOW), purpose="sign-in", now=NOW)

    # Act
    older = two_factor.use_code(user, code_at(state.secret, NOW - STEP), purpose="sign-in", now=NOW)

    # Assert
    assert older == two_factor.CodeResult.REUSED


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (-STEP, two_factor.CodeResult.AUTHENTICATOR),
        (STEP, two_factor.CodeResult.AUTHENTICATOR),
        (-2 * STEP, two_factor.CodeResult.WRONG),
        (2 * STEP, two_factor.CodeResult.WRONG),
    ],
)
def test_use_code_one_step_of_clock_drift_allowed_two_refused(on, offset, expected):
    # Arrange: the phone's clock is `offset` seconds off
    user, state = on

    # Act
    result = two_factor.use_code(user, code_at(state.secret, NOW + offset), purpose="sign-in", now=NOW)

    # Assert
    assert result == expected


def test_use_code_spaces_in_code_ignored(on):
    # Arrange
    user, state = on
    code = code_at(state.secret, NOW)

    # Act
    result = two_factor.use_code(user, f" {code[:3]} {code[3:]} ", purpose="sign-in", now=NOW)

    # Assert
    assert result == two_factor.CodeResult.AUTHENTICATOR


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "'; DROP TABLE x; --"])
def test_use_code_malformed_code_wrong_and_logged(on, code):
    # Arrange
    user, _state = on

    # Act
    result = two_factor.use_code(user, code, purpose="sign-in", now=NOW)

    # Assert
    assert result == two_factor.CodeResult.WRONG
    assert actions(user) == ["accounts.two_factor.enabled", "accounts.two_factor.failed"]
    assert AuditEntry.objects.filter(action="accounts.two_factor.failed").get().data == {
        "purpose": "sign-in",
        "why": "wrong",
    }


def test_use_code_for_user_without_two_factor_wrong():
    # Arrange
    user = UserFactory()

    # Act
    result = two_factor.use_code(user, "123456", purpose="sign-in", now=NOW)

    # Assert
    assert result == two_factor.CodeResult.WRONG


# Recovery codes


def test_recovery_code_works_once(on):
    # Arrange
    user, state = on
    code = state.recovery_codes[3]

    # Act
    first = two_factor.use_code(user, code, purpose="sign-in", now=NOW)
    second = two_factor.use_code(user, code, purpose="sign-in", now=NOW)

    # Assert
    assert (first, second) == (two_factor.CodeResult.RECOVERY, two_factor.CodeResult.WRONG)
    assert two_factor.recovery_codes_left(user) == 9
    assert actions(user) == [
        "accounts.two_factor.enabled",
        "accounts.two_factor.recovery_code_used",
        "accounts.two_factor.failed",
    ]
    assert AuditEntry.objects.get(action="accounts.two_factor.recovery_code_used").data == {
        "purpose": "sign-in",
        "left": 9,
    }


def test_recovery_code_typed_without_dashes_in_capitals_accepted(on):
    # Arrange
    user, state = on

    # Act
    result = two_factor.use_code(user, state.recovery_codes[0].replace("-", " ").upper(), purpose="sign-in", now=NOW)

    # Assert
    assert result == two_factor.CodeResult.RECOVERY


def test_recovery_code_of_another_user_refused(on):
    # Arrange
    user, _state = on
    other = UserFactory()
    other_state = switch_on_two_factor(other, at=NOW - 600)

    # Act
    result = two_factor.use_code(user, other_state.recovery_codes[0], purpose="sign-in", now=NOW)

    # Assert
    assert result == two_factor.CodeResult.WRONG
    assert two_factor.recovery_codes_left(other) == 10


def test_renew_recovery_codes_old_ones_stop_working(on):
    # Arrange
    user, state = on

    # Act
    new = two_factor.renew_recovery_codes(user, code=code_at(state.secret, NOW), now=NOW)

    # Assert
    assert len(new) == 10 and not set(new) & set(state.recovery_codes)
    assert two_factor.use_code(user, state.recovery_codes[0], purpose="x", now=NOW) == two_factor.CodeResult.WRONG
    assert two_factor.use_code(user, new[0], purpose="x", now=NOW) == two_factor.CodeResult.RECOVERY
    assert "accounts.two_factor.recovery_codes_made" in actions(user)


def test_renew_recovery_codes_wrong_code_keeps_old_codes_and_logs_failure(on):
    # Arrange
    user, _state = on

    # Act
    with pytest.raises(two_factor.WrongCode):
        two_factor.renew_recovery_codes(user, code="000000", now=NOW)

    # Assert
    assert two_factor.recovery_codes_left(user) == 10
    assert actions(user)[-1] == "accounts.two_factor.failed"


# Switching it off


def test_switch_off_needs_password(on):
    # Arrange
    user, state = on

    # Act
    with pytest.raises(two_factor.WrongPassword):
        two_factor.switch_off(user, password="not-the-password", code=code_at(state.secret, NOW), now=NOW)

    # Assert
    assert two_factor.two_factor_on(user) is True
    # The code was not even checked, so it still works.
    assert two_factor.use_code(user, code_at(state.secret, NOW), purpose="x", now=NOW).accepted


def test_switch_off_needs_current_code_and_logs_the_failure(on):
    # Arrange
    user, _state = on

    # Act
    with pytest.raises(two_factor.WrongCode):
        two_factor.switch_off(user, password=PASSWORD, code="000000", now=NOW)

    # Assert
    assert TwoFactor.objects.filter(user=user, confirmed_at__isnull=False).exists()
    assert actions(user)[-1] == "accounts.two_factor.failed"


def test_switch_off_with_password_and_code_removes_secret_and_codes(on):
    # Arrange
    user, state = on

    # Act
    two_factor.switch_off(user, password=PASSWORD, code=code_at(state.secret, NOW), now=NOW)

    # Assert
    assert two_factor.two_factor_on(user) is False
    assert (TwoFactor.objects.filter(user=user).count(), RecoveryCode.objects.filter(user=user).count()) == (0, 0)
    assert actions(user)[-1] == "accounts.two_factor.disabled"


# The organisation's requirement


def test_set_requirement_by_admin_without_two_factor_refused():
    # Arrange
    organisation = OrganisationFactory()
    admin = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=admin, role=OrganisationRole.ADMIN)

    # Act
    with pytest.raises(AccountError, match="your own account first"):
        two_factor.set_requirement(organisation, required=True, by=admin)

    # Assert
    assert Organisation.objects.get(pk=organisation.pk).require_two_factor is False


def test_set_requirement_by_admin_with_two_factor_saved_and_logged():
    # Arrange
    organisation = OrganisationFactory()
    admin = UserFactory()
    OrganisationMembershipFactory(organisation=organisation, user=admin, role=OrganisationRole.ADMIN)
    switch_on_two_factor(admin)

    # Act
    two_factor.set_requirement(organisation, required=True, by=admin)

    # Assert
    entry = AuditEntry.objects.get(action="accounts.organisation.changed")
    assert Organisation.objects.get(pk=organisation.pk).require_two_factor is True
    assert (entry.organisation, entry.user, entry.changes) == (
        organisation,
        admin,
        {"require_two_factor": {"old": False, "new": True}},
    )


def test_organisations_requiring_lists_only_the_users_requiring_ones():
    # Arrange
    user = UserFactory()
    strict = OrganisationFactory(name="Strikt", require_two_factor=True)
    lax = OrganisationFactory(name="Los")
    OrganisationFactory(name="Niet van mij", require_two_factor=True)
    for organisation in (strict, lax):
        OrganisationMembershipFactory(organisation=organisation, user=user)

    # Act
    names = list(two_factor.organisations_requiring(user).values_list("name", flat=True))

    # Assert
    assert names == ["Strikt"]


# An administrator's reset for a member who lost phone and recovery codes


@pytest.fixture
def team():
    organisation = OrganisationFactory(name="Compagnie Ruimte")
    admin, member = UserFactory(), UserFactory(language="nl")
    OrganisationMembershipFactory(organisation=organisation, user=admin, role=OrganisationRole.ADMIN)
    membership = OrganisationMembershipFactory(organisation=organisation, user=member, role=OrganisationRole.STAFF)
    switch_on_two_factor(member, at=NOW - 600)
    return organisation, admin, membership


def test_reset_for_member_switches_off_logs_and_mails_the_member(team, mailoutbox, django_capture_on_commit_callbacks):
    # Arrange
    organisation, admin, membership = team

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        two_factor.reset_for_member(membership, by=admin)

    # Assert
    member = membership.user
    entry = AuditEntry.objects.get(action="accounts.two_factor.reset")
    assert two_factor.two_factor_on(member) is False
    assert RecoveryCode.objects.filter(user=member).count() == 0
    assert (entry.organisation, entry.user, entry.data) == (organisation, admin, {"email": member.email})
    assert [mail.to for mail in mailoutbox] == [[member.email]]
    assert mailoutbox[0].subject == "Je tweestapsverificatie op Regie is uitgeschakeld"


def test_reset_for_member_of_an_organisation_the_admin_does_not_run_refused(team):
    # Arrange
    _organisation, admin, membership = team
    OrganisationMembershipFactory(user=membership.user, role=OrganisationRole.ADMIN)

    # Act
    with pytest.raises(AccountError, match="organisation you do not administer"):
        two_factor.reset_for_member(membership, by=admin)

    # Assert
    assert two_factor.two_factor_on(membership.user) is True
    assert not AuditEntry.objects.filter(action="accounts.two_factor.reset").exists()


def test_reset_for_member_own_account_refused(team):
    # Arrange
    organisation, admin, _membership = team
    switch_on_two_factor(admin)
    own = admin.org_memberships.get(organisation=organisation)

    # Act and assert
    with pytest.raises(AccountError, match="your account page"):
        two_factor.reset_for_member(own, by=admin)
    assert TwoFactor.objects.filter(user=admin, confirmed_at__isnull=False).exists()


def test_reset_for_member_without_two_factor_refused(team):
    # Arrange
    organisation, admin, _membership = team
    plain = OrganisationMembershipFactory(organisation=organisation)

    # Act and assert
    with pytest.raises(AccountError, match="has not switched on"):
        two_factor.reset_for_member(plain, by=admin)


def test_reset_two_factor_command_switches_off_and_mails(team, mailoutbox, django_capture_on_commit_callbacks):
    # Arrange
    _organisation, _admin, membership = team
    member = membership.user
    out = io.StringIO()

    # Act
    with django_capture_on_commit_callbacks(execute=True):
        call_command("reset_two_factor", member.email.upper(), stdout=out)

    # Assert
    entry = AuditEntry.objects.get(action="accounts.two_factor.reset")
    assert out.getvalue() == f"Two-factor sign-in switched off for {member.email}.\n"
    assert two_factor.two_factor_on(member) is False
    assert (entry.object_id, entry.user, entry.organisation) == (str(member.pk), None, None)
    assert [mail.to for mail in mailoutbox] == [[member.email]]
    assert "De beheerder van de Regie-server heeft" in mailoutbox[0].body


@pytest.mark.parametrize(
    ("email", "message"),
    [("nobody@example.be", "There is no account with this e-mail address."), (None, "has not switched on")],
)
def test_reset_two_factor_command_refuses_unknown_address_or_account_without_it(email, message):
    # Arrange
    plain = UserFactory()

    # Act and assert
    with pytest.raises(CommandError, match=message):
        call_command("reset_two_factor", email or plain.email, stdout=io.StringIO())
    assert not AuditEntry.objects.filter(action="accounts.two_factor.reset").exists()
