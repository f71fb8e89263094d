"""Two-factor sign-in: a time-based one-time code (TOTP, RFC 6238) from an authenticator app.

A code is accepted for the current 30-second step and one step either side, for phones whose
clock drifts. The step of the last accepted code is kept under a row lock: a code of that step
or an earlier one is refused, so no code works twice. Recovery codes (about 79 random bits each)
are shown once and kept only as SHA-256 digests, like the tokens of secret links.

Functions that check a code commit the history entry of a wrong one before they report it, so a
refusal never rolls back the record of the attempt; call them outside a transaction.
"""

from __future__ import annotations

import enum
import hmac
import io
import logging
import secrets
import time
from typing import Any

import pyotp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from regie.accounts.models import Organisation, OrganisationMembership, RecoveryCode, TwoFactor, User
from regie.accounts.roles import OrganisationRole
from regie.accounts.services import AccountError
from regie.core import mail
from regie.core.audit import log_action
from regie.core.uploads import token_digest

logger = logging.getLogger(__name__)

ISSUER = "Regie"
DRIFT_STEPS = 1
RECOVERY_CODE_COUNT = 10
# No 0/o, 1/l/i: codes are read from paper and typed by hand.
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
RECOVERY_GROUPS, RECOVERY_GROUP_LENGTH = 4, 4


class CodeResult(enum.Enum):
    AUTHENTICATOR = "authenticator"
    RECOVERY = "recovery"
    REUSED = "reused"
    WRONG = "wrong"

    @property
    def accepted(self) -> bool:
        return self in {CodeResult.AUTHENTICATOR, CodeResult.RECOVERY}


class WrongCode(AccountError):
    """The code is not the current one of the user's app, nor an unused recovery code."""

    def __init__(self, result: CodeResult = CodeResult.WRONG, *, recovery_allowed: bool = True) -> None:
        if result == CodeResult.REUSED:
            message = _("This code was used already. Wait for the next code in your authenticator app.")
        elif recovery_allowed:
            message = _(
                "This code is not right. Enter the 6-digit code that your authenticator app shows now, "
                "or an unused recovery code."
            )
        else:
            message = _("This code is not right. Enter the 6-digit code that your authenticator app shows now.")
        super().__init__(message)
        self.result = result


class WrongPassword(AccountError):
    def __init__(self) -> None:
        super().__init__(_("This password is not right."))


# Reading the state


def two_factor_on(user: Any) -> bool:
    """Whether the user signs in with a code too; cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return False
    if "_regie_two_factor_on" not in user.__dict__:
        user.__dict__["_regie_two_factor_on"] = TwoFactor.objects.filter(
            user_id=user.pk, confirmed_at__isnull=False
        ).exists()
    return bool(user.__dict__["_regie_two_factor_on"])


def _forget(user: User) -> None:
    user.__dict__.pop("_regie_two_factor_on", None)


def end_other_sessions(user: User, request: HttpRequest | None = None) -> None:
    """Sign the person out of every session but `request`'s (none without a request)."""
    User.objects.filter(pk=user.pk).update(session_epoch=F("session_epoch") + 1)
    user.refresh_from_db(fields=["session_epoch"])
    if request is not None:
        update_session_auth_hash(request, user)


def organisations_requiring(user: Any) -> QuerySet[Organisation]:
    """The user's organisations that require two-factor sign-in of their members."""
    return Organisation.objects.filter(memberships__user=user, require_two_factor=True).distinct().order_by("name")


def recovery_codes_left(user: User) -> int:
    return RecoveryCode.objects.filter(user=user, used_at__isnull=True).count()


def provisioning_uri(device: TwoFactor) -> str:
    """What the QR code holds: the secret, the issuer "Regie" and the user's e-mail address."""
    return pyotp.TOTP(device.secret).provisioning_uri(name=device.user.email, issuer_name=ISSUER)


def qr_code_svg(text: str) -> str:
    """`text` as a QR code in inline SVG (one path, no script or style: the CSP allows it)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=10, border=4)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]  # without the XML declaration


def grouped_key(secret: str) -> str:
    """The secret in groups of four, as authenticator apps accept it typed by hand."""
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


# Checking codes


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _matching_step(secret: str, code: str, now: float) -> int | None:
    totp = pyotp.TOTP(secret)
    current = totp.timecode(now)
    for step in range(current - DRIFT_STEPS, current + DRIFT_STEPS + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def _check_authenticator(device: TwoFactor, code: str, now: float) -> CodeResult:
    step = _matching_step(device.secret, code, now)
    if step is None:
        return CodeResult.WRONG
    if device.last_step is not None and step <= device.last_step:
        return CodeResult.REUSED
    device.last_step = step
    device.save(update_fields=["last_step"])
    return CodeResult.AUTHENTICATOR


def _use_recovery_code(user: User, code: str) -> CodeResult:
    used = RecoveryCode.objects.filter(user=user, code_hash=token_digest(code), used_at__isnull=True).update(
        used_at=timezone.now()
    )
    return CodeResult.RECOVERY if used else CodeResult.WRONG


def use_code(user: User, code: str, *, purpose: str, now: float | None = None) -> CodeResult:
    """Check a code of the user's app, or a recovery code (which is used up); log the outcome.

    `purpose` says in the history what the code was asked for ("sign-in", "switch off"…).
    """
    code = _normalise(code)
    now = time.time() if now is None else now
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
        if device is None:
            return CodeResult.WRONG
        if code.isdigit() and len(code) == 6:
            result = _check_authenticator(device, code, now)
        elif len(code) == RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH:
            result = _use_recovery_code(user, code)
        else:
            result = CodeResult.WRONG
        if result == CodeResult.RECOVERY:
            log_action(
                user,
                "accounts.two_factor.recovery_code_used",
                user=user,
                data={"purpose": purpose, "left": recovery_codes_left(user)},
            )
        elif not result.accepted:
            log_action(user, "accounts.two_factor.failed", user=user, data={"purpose": purpose, "why": result.value})
    return result


def check_code(user: User, code: str, *, purpose: str, now: float | None = None) -> CodeResult:
    """`use_code`, raising WrongCode when the code is refused."""
    result = use_code(user, code, purpose=purpose, now=now)
    if not result.accepted:
        raise WrongCode(result)
    return result


# Switching it on and off


def start_setup(user: User) -> TwoFactor:
    """The user's pending authenticator: a new secret, or the one already shown if not yet confirmed.

    The pending secret lives in the database, encrypted, rather than in the session: sessions
    are stored in clear.
    """
    with transaction.atomic():
        device, _created = TwoFactor.objects.select_for_update().get_or_create(
            user=user, defaults={"secret": pyotp.random_base32()}
        )
        if device.is_on:
            raise AccountError(_("Two-factor sign-in is already on."))
    return device


def new_setup_key(user: User) -> None:
    """Forget a set-up not yet confirmed (a key scanned on a lost phone, shown to someone else),
    so that the next set-up page shows a new key. Refused once two-factor sign-in is on."""
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().filter(user=user).first()
        if device is not None and device.is_on:
            raise AccountError(_("Two-factor sign-in is already on."))
        if device is not None:
            device.delete()


def _new_recovery_codes(user: User) -> list[str]:
    """Replace the user's recovery codes by new ones; returns them in clear, to be shown once."""
    RecoveryCode.objects.filter(user=user).delete()
    length = RECOVERY_GROUPS * RECOVERY_GROUP_LENGTH
    raws = ["".join(secrets.choice(RECOVERY_ALPHABET) for _j in range(length)) for _i in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(RecoveryCode(user=user, code_hash=token_digest(raw)) for raw in raws)
    step = RECOVERY_GROUP_LENGTH
    return ["-".join(raw[i : i + step] for i in range(0, length, step)) for raw in raws]


def confirm_setup(user: User, code: str, *, now: float | None = None) -> list[str]:
    """Switch two-factor sign-in on once the app shows the right code; returns the recovery codes."""
    code = _normalise(code)
    now = time.time() if now is None else now
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().filter(user=user).first()
        if device is None:
            raise AccountError(_("Start again: scan the new QR code with your authenticator app."))
        if device.is_on:
            raise AccountError(_("Two-factor sign-in is already on."))
        step = _matching_step(device.secret, code, now) if code.isdigit() and len(code) == 6 else None
        if step is None:
            raise WrongCode(recovery_allowed=False)
        device.confirmed_at = timezone.now()
        device.last_step = step
        device.save(update_fields=["confirmed_at", "last_step"])
        codes = _new_recovery_codes(user)
        log_action(user, "accounts.two_factor.enabled", user=user)
    _forget(user)
    return codes


def switch_off(user: User, *, password: str, code: str, now: float | None = None) -> None:
    """Switch two-factor sign-in off: the person proves both factors once more."""
    if not user.check_password(password):
        raise WrongPassword()
    check_code(user, code, purpose="switch off", now=now)
    with transaction.atomic():
        TwoFactor.objects.filter(user=user).delete()
        RecoveryCode.objects.filter(user=user).delete()
        log_action(user, "accounts.two_factor.disabled", user=user)
    _forget(user)


def renew_recovery_codes(user: User, *, code: str, now: float | None = None) -> list[str]:
    """New recovery codes for a current code; the old ones stop working."""
    check_code(user, code, purpose="new recovery codes", now=now)
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        log_action(user, "accounts.two_factor.recovery_codes_made", user=user, data={"count": len(codes)})
    return codes


# The organisation's side


def set_requirement(organisation: Organisation, *, required: bool, by: User) -> None:
    """Require two-factor sign-in of every member of the organisation, or stop requiring it."""
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.require_two_factor == required:
            return
        if required and not two_factor_on(by):
            raise AccountError(_("Switch on two-factor sign-in for your own account first."))
        organisation.require_two_factor = required
        organisation.save(update_fields=["require_two_factor"])
        log_action(
            organisation,
            "accounts.organisation.changed",
            user=by,
            changes={"require_two_factor": {"old": not required, "new": required}},
        )


def reset_for_member(membership: OrganisationMembership, *, by: User) -> None:
    """Switch off a member's two-factor sign-in when they lost both their phone and their recovery codes.

    Only someone who administers every organisation the member belongs to may do it: an
    administrator of one small organisation must not weaken an account that guards another.
    The member is told by e-mail.
    """
    with transaction.atomic():
        membership = OrganisationMembership.objects.select_related("user", "organisation").get(pk=membership.pk)
        member = membership.user
        if member.pk == by.pk:
            raise AccountError(_("Switch your own two-factor sign-in off on your account page."))
        if not TwoFactor.objects.select_for_update().filter(user=member, confirmed_at__isnull=False).exists():
            raise AccountError(_("%(name)s has not switched on two-factor sign-in.") % {"name": member})
        administered = OrganisationMembership.objects.filter(user=by, role=OrganisationRole.ADMIN).values(
            "organisation"
        )
        if OrganisationMembership.objects.filter(user=member).exclude(organisation__in=administered).exists():
            raise AccountError(
                _(
                    "%(name)s is also a member of an organisation you do not administer: ask the administrator "
                    "of the Regie server to reset their two-factor sign-in (regie reset_two_factor)."
                )
                % {"name": member}
            )
        _remove_and_tell(member, by=by, organisation=membership.organisation)


def reset_by_server_administrator(email: str) -> User:
    """The last resort, from the command line: for a person no organisation administrator may reset."""
    with transaction.atomic():
        member = User.objects.filter(email=email.strip().lower()).first()
        if member is None:
            raise AccountError(_("There is no account with this e-mail address."))
        if not TwoFactor.objects.select_for_update().filter(user=member, confirmed_at__isnull=False).exists():
            raise AccountError(_("%(name)s has not switched on two-factor sign-in.") % {"name": member})
        _remove_and_tell(member, by=None, organisation=None)
    return member


def _remove_and_tell(member: User, *, by: User | None, organisation: Organisation | None) -> None:
    """Inside the caller's transaction: remove the secret and the recovery codes, log, mail."""
    TwoFactor.objects.filter(user=member).delete()
    RecoveryCode.objects.filter(user=member).delete()
    end_other_sessions(member)  # a lost or stolen phone: whoever holds a session of theirs is out
    # On the person, so their own page lists it; with the organisation, so its history does too.
    log_action(member, "accounts.two_factor.reset", user=by, organisation=organisation, data={"email": member.email})
    _mail_on_commit(member, by, organisation)
    _forget(member)


def _mail_on_commit(member: User, by: User | None, organisation: Organisation | None) -> None:
    def send() -> None:
        with translation.override(member.language):
            context = {"member": member, "by": by, "organisation": organisation, "base_url": settings.REGIE_BASE_URL}
            subject = render_to_string("accounts/email/two_factor_reset_subject.txt", context).strip()
            body = render_to_string("accounts/email/two_factor_reset.txt", context)
        try:
            mail.send(subject, body, [member.email], language=member.language)
        except OSError:
            logger.exception("Could not tell %s that their two-factor sign-in was reset", member.email)

    transaction.on_commit(send)
