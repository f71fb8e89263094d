"""Two-factor sign-in switched on through the services, as a person does it with their app."""

from __future__ import annotations

import dataclasses
import time

import pyotp

from regie.accounts import two_factor
from regie.accounts.models import User

__all__ = ["TwoFactorOn", "code_at", "switch_on_two_factor"]


@dataclasses.dataclass
class TwoFactorOn:
    secret: str
    recovery_codes: list[str]

    def code(self, at: float | None = None) -> str:
        return code_at(self.secret, time.time() if at is None else at)


def code_at(secret: str, at: float) -> str:
    return pyotp.TOTP(secret).at(at)


def switch_on_two_factor(user: User, *, at: float | None = None) -> TwoFactorOn:
    """Switch it on with the code of `at` (default: two minutes ago, so that the code of the
    present moment has not been used yet and a test can sign in with it)."""
    at = time.time() - 120 if at is None else at
    device = two_factor.start_setup(user)
    codes = two_factor.confirm_setup(user, code_at(device.secret, at), now=at)
    return TwoFactorOn(device.secret, codes)
