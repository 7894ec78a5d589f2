"""A text field encrypted at rest: for placement addresses, providers and disclosure narratives.

Usage (see docs/security.md, "Protected fields")::

    from safeharbor.protected.fields import EncryptedTextField

    narrative = EncryptedTextField(blank=True)  # any length
    provider_name = EncryptedTextField(max_length=160, blank=True)  # checks the plain text

The database holds only a Fernet token (AES-128-CBC with HMAC-SHA256, with a timestamp); Python
code sees the plain text. Encrypted values cannot be searched, ordered or compared in SQL, so
every lookup but ``isnull`` is refused with a message instead of silently matching nothing.
Encryption is not access control: who may *see* the value is still decided by
``domain.access`` and the app's ``queries.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cryptography.fernet import InvalidToken
from django.core.exceptions import FieldError
from django.db import models

from safeharbor.protected.keys import current_fernet

TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - every Fernet token starts with its version byte and a timestamp


class UndecryptableValue(Exception):
    """A stored value matches none of the keys in SAFEHARBOR_FIELD_KEYS."""


def encrypt(plain: str) -> str:
    """Return the Fernet token for ``plain`` under the primary key."""
    return current_fernet().encrypt(plain.encode("utf-8")).decode("ascii")


def decrypt(token: str, *, where: str = "a protected field") -> str:
    """Return the plain text of ``token``; refuse with a message that never includes the value."""
    try:
        return current_fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError):
        raise UndecryptableValue(
            f"{where} cannot be decrypted with any key in SAFEHARBOR_FIELD_KEYS "
            "(was a key removed before rotate-keys ran?)"
        ) from None


def is_token(value: str) -> bool:
    """Return whether a stored value looks like a Fernet token rather than plain text."""
    return value.startswith(TOKEN_PREFIX)


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    """Plain text in Python, a Fernet token in the database column (type ``text``)."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None:
            return None
        return encrypt(str(value))

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return None
        return decrypt(value, where=f"{self.model._meta.label}.{self.name}")

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(
                f"{self.model._meta.label}.{self.name} is encrypted at rest and cannot be "
                f"searched with __{lookup_name}; filter on other fields"
            )
        return super().get_lookup(lookup_name)


class EncryptedCharField(EncryptedTextField):
    """An encrypted short text: a one-line input in forms, its length checked on the plain text.

    For fields that were ``CharField`` (who the youth was last seen with, an officer, a basis):
    the column is ``text`` holding a token; ``max_length`` limits what is typed, not the token.
    """

    description = "Short text encrypted at rest"

    def formfield(self, **kwargs: Any) -> Any:
        from django import forms

        kwargs.setdefault("widget", forms.TextInput)
        return super().formfield(**kwargs)


if TYPE_CHECKING:  # the stubs' generic form: the value is bytes, not text
    _BlobBase = models.TextField[bytes | None, bytes]
else:
    _BlobBase = models.TextField


class EncryptedBlobField(_BlobBase):
    """Bytes in Python (an uploaded file), a Fernet token in the database column (type ``text``).

    For uploaded files: the token is a third larger than the file. Load it only when the file is
    served (keep it in a row of its own); key rotation handles it in small batches.
    """

    description = "Bytes encrypted at rest"
    rotation_batch = 5  # rows per transaction when keys rotate: each may hold megabytes

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        return current_fernet().encrypt(bytes(value)).decode("ascii")

    def to_python(self, value: Any) -> Any:
        return value

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> bytes | None:
        if value is None:
            return None
        try:
            return current_fernet().decrypt(value.encode("ascii"))
        except (InvalidToken, UnicodeError):
            raise UndecryptableValue(
                f"{self.model._meta.label}.{self.name} cannot be decrypted with any key in "
                "SAFEHARBOR_FIELD_KEYS (was a key removed before rotate-keys ran?)"
            ) from None

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(f"{self.model._meta.label}.{self.name} is encrypted at rest")
        return super().get_lookup(lookup_name)


def encrypted_fields() -> list[tuple[type[models.Model], EncryptedTextField | EncryptedBlobField]]:
    """Return every (model, field) pair that stores an encrypted value, for key rotation."""
    from django.apps import apps

    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField | EncryptedBlobField)
    ]
