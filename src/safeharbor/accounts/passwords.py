"""Password rules per NIST SP 800-63B §5.1.1.2 (and 800-63B-4): length, a blocklist, nothing else.

Length: at least 15 characters (settings), up to 1024. No composition rules (no "one digit, one
symbol"), no forced rotation, no hints. Refused: passwords on the breached/common list shipped
with Django (20,000 passwords from breach corpora, offline), that list's entries padded with
digits or repeated to reach the length, repetitive or sequential characters, and words specific
to this service or the person (SafeHarbor, the username, the person's names).
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

SERVICE_WORDS = ("safeharbor", "safe harbor", "safe-harbor")
_SEQUENCES = ("abcdefghijklmnopqrstuvwxyz", "0123456789", "qwertyuiopasdfghjklzxcvbnm")


def _squash(password: str) -> str:
    return re.sub(r"[^a-z0-9]", "", password.lower())


def _is_repetition(text: str) -> bool:
    """Return whether ``text`` is one short unit repeated (aaaa…, abcabc…, 121212…)."""
    return any(len(text) % n == 0 and text == text[:n] * (len(text) // n) for n in range(1, 5))


def _is_sequence(text: str) -> bool:
    return any(text in seq * 3 or text in seq[::-1] * 3 for seq in _SEQUENCES)


class BlocklistValidator:
    """Refuse breached, common, repetitive, sequential and context-specific passwords."""

    def __init__(self) -> None:
        self.common = CommonPasswordValidator().passwords

    def validate(self, password: str, user: Any = None) -> None:
        squashed = _squash(password)
        problem = self._problem(password, squashed, user)
        if problem:
            raise ValidationError(problem, code="password_blocklisted")

    def _problem(self, password: str, squashed: str, user: Any) -> str:
        if _is_repetition(squashed) or _is_sequence(squashed):
            return "This password repeats or runs through a sequence of characters; choose another."
        if self._candidates(password, squashed) & self.common:
            return "This password is on a list of breached or common passwords; choose another."
        if any(word.replace(" ", "") in squashed for word in SERVICE_WORDS):
            return "This password contains the name of this service; choose another."
        for word in _personal_words(user):
            if len(word) >= 4 and word in squashed:
                return "This password contains your name or username; choose another."
        return ""

    @staticmethod
    def _candidates(password: str, squashed: str) -> set[str]:
        """Return the password and the common word it may hide (padded with digits, repeated)."""
        found = {password.lower().strip(), squashed, squashed.rstrip("0123456789")}
        for text in list(found):
            for times in range(2, 5):
                unit = text[: len(text) // times]
                if unit and unit * times == text:
                    found.add(unit)
        return found

    def get_help_text(self) -> str:
        return (
            "Use at least 15 characters; a few unrelated words make a good password. "
            "Breached, common and guessable passwords are refused. "
            "No symbols or digits are required."
        )


def _personal_words(user: Any) -> list[str]:
    if user is None:
        return []
    values = [getattr(user, name, "") or "" for name in ("username", "first_name", "last_name")]
    return [_squash(value) for value in values if value]
