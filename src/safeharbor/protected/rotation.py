"""Re-encrypt protected values under the primary key, and encrypt rows written before encryption."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cryptography.fernet import InvalidToken, MultiFernet
from django.db import connection, models, transaction
from django.db.backends.utils import CursorWrapper

from safeharbor.protected.fields import UndecryptableValue, encrypted_fields, is_token
from safeharbor.protected.keys import current_fernet


@dataclass(frozen=True)
class _Column:
    """One table column of protected values, its names quoted for SQL."""

    table: str
    column: str
    pk: str
    label: str  # "cases.Placement.address", for messages

    @classmethod
    def of(cls, model: type[models.Model], column: str) -> _Column:
        pk = model._meta.pk
        if pk is None or pk.column is None:
            raise ValueError(f"{model._meta.label} has no primary-key column")
        quote = connection.ops.quote_name
        label = f"{model._meta.label}.{column}"
        return cls(quote(model._meta.db_table), quote(column), quote(pk.column), label)


def reencrypt_column(model: type[models.Model], column: str, *, batch: int = 500) -> int:
    """Rewrite one column's values under the primary key; encrypt any plain text; return a count.

    Works on raw column values so it serves migrations (historical models) and rotation alike;
    one transaction per batch of rows.
    """
    target, fernet = _Column.of(model, column), current_fernet()
    changed, last = 0, None  # ``last``: the primary key the previous batch ended on
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            rows = _batch_after(cursor, target, last, batch)
            changed += sum(_rewrite(cursor, target, fernet, pk, value) for pk, value in rows)
        if len(rows) < batch:
            return changed
        last = rows[-1][0]


def _batch_after(
    cursor: CursorWrapper, target: _Column, last: int | None, batch: int
) -> list[tuple[int, str | None]]:
    """Return the next ``batch`` (pk, value) rows after primary key ``last`` (None: the first)."""
    where = "" if last is None else f" WHERE {target.pk} > %s"
    params = [] if last is None else [last]
    cursor.execute(
        f"SELECT {target.pk}, {target.column} FROM {target.table}{where} "  # noqa: S608 - names are quoted model metadata
        f"ORDER BY {target.pk} LIMIT {int(batch)}",
        params,
    )
    return list(cursor.fetchall())


def _rewrite(
    cursor: CursorWrapper, target: _Column, fernet: MultiFernet, pk: int, value: str | None
) -> int:
    """Store one value under the primary key; return 1, or 0 for a NULL left alone."""
    if value is None:
        return 0
    if is_token(value):
        try:
            new = fernet.rotate(value.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise UndecryptableValue(
                f"{target.label} row {pk} matches no key in SAFEHARBOR_FIELD_KEYS; nothing "
                "after it was re-encrypted"
            ) from None
    else:
        new = fernet.encrypt(value.encode("utf-8")).decode("ascii")
    cursor.execute(
        f"UPDATE {target.table} SET {target.column} = %s WHERE {target.pk} = %s",  # noqa: S608 - quoted names
        [new, pk],
    )
    return 1


def decrypt_column(model: type[models.Model], column: str) -> int:
    """Turn a column's tokens back into plain text (only for reversing the migration)."""
    target, fernet = _Column.of(model, column), current_fernet()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {target.pk}, {target.column} FROM {target.table}")  # noqa: S608 - quoted names
        rows = cursor.fetchall()
        for row_pk, value in rows:
            if value is not None and is_token(value):
                plain = fernet.decrypt(value.encode("ascii")).decode("utf-8")
                cursor.execute(
                    f"UPDATE {target.table} SET {target.column} = %s WHERE {target.pk} = %s",  # noqa: S608 - quoted names
                    [plain, row_pk],
                )
    return len(rows)


def rotate_all() -> dict[str, int]:
    """Re-encrypt every protected field of every model; return the count per model field."""
    return {
        f"{model._meta.label}.{field.name}": reencrypt_column(
            model, _column_of(field), batch=getattr(field, "rotation_batch", 500)
        )
        for model, field in encrypted_fields()
    }


def _column_of(field: models.Field[Any, Any]) -> str:
    if field.column is None:  # only a field with no column of its own (none is encrypted)
        raise ValueError(f"{field} has no database column")
    return field.column
