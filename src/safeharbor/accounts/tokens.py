"""Set-password links: one live link per account, valid for at most an hour.

Django's password-reset token is made from the account's state (its password hash, last sign-in
and e-mail) and the time it was made, signed with SECRET_KEY; it is never stored. Two things are
added here: the account's ``setup_link_nonce``, a random value replaced every time a link is sent,
so a second link differs from the first and the first stops working; and the lifetime,
``PASSWORD_RESET_TIMEOUT`` (60 minutes in settings), checked by Django against the time in the
token. Setting a password changes the hash, so a used link stops working too.
"""

from __future__ import annotations

import secrets

from django.contrib.auth.tokens import PasswordResetTokenGenerator

from safeharbor.accounts.models import User


def new_link_nonce() -> str:
    """Return a fresh random value for ``User.setup_link_nonce`` (retires every earlier link)."""
    return secrets.token_hex(16)


class SetPasswordLinkTokens(PasswordResetTokenGenerator):
    """Password-reset tokens that also depend on the account's current link nonce."""

    key_salt = "safeharbor.accounts.tokens.SetPasswordLinkTokens"

    def _make_hash_value(self, user: User, timestamp: int) -> str:
        return f"{super()._make_hash_value(user, timestamp)}|{user.setup_link_nonce}"


set_password_tokens = SetPasswordLinkTokens()
