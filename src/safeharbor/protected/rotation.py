"""Re-encrypt protected values under the primary key, and encrypt rows written before encryption."""

from __future__ import annotations

from cryptography.fernet import InvalidToken
from django.db import connection, models, transaction

from safeharbor.protected.fields import UndecryptableValue, encrypted_fields, is_token
from safeharbor.protected.keys import current_fernet


def reencrypt_column(model: type[models.Model], column: str, *, batch: int = 500) -> int:
    """Rewrite one column's values under the primary key; encrypt any plain text; return a count.

    Works on raw column values so it serves migrations (historical models) and rotation alike.
    """
    fernet = current_fernet()
    table = connection.ops.quote_name(model._meta.db_table)
    col = connection.ops.quote_name(column)
    pk = connection.ops.quote_name(model._meta.pk.column)  # type: ignore[union-attr]
    changed = 0
    last = None
    while True:
        with transaction.atomic(), connection.cursor() as cursor:
            where = "" if last is None else f" WHERE {pk} > %s"
            params = [] if last is None else [last]
            cursor.execute(
                f"SELECT {pk}, {col} FROM {table}{where} ORDER BY {pk} LIMIT {int(batch)}",  # noqa: S608 - names are quoted model metadata
                params,
            )
            rows = cursor.fetchall()
            for row_pk, value in rows:
                if value is None:
                    continue
                if is_token(value):
                    try:
                        new = fernet.rotate(value.encode("ascii")).decode("ascii")
                    except InvalidToken:
                        raise UndecryptableValue(
                            f"{model._meta.label}.{column} row {row_pk} matches no key in "
                            "SAFEHARBOR_FIELD_KEYS; nothing after it was re-encrypted"
                        ) from None
                else:
                    new = fernet.encrypt(value.encode("utf-8")).decode("ascii")
                cursor.execute(
                    f"UPDATE {table} SET {col} = %s WHERE {pk} = %s",  # noqa: S608 - quoted names
                    [new, row_pk],
                )
                changed += 1
        if len(rows) < batch:
            return changed
        last = rows[-1][0]


def decrypt_column(model: type[models.Model], column: str) -> int:
    """Turn a column's tokens back into plain text (only for reversing the migration)."""
    fernet = current_fernet()
    table = connection.ops.quote_name(model._meta.db_table)
    col = connection.ops.quote_name(column)
    pk = connection.ops.quote_name(model._meta.pk.column)  # type: ignore[union-attr]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {pk}, {col} FROM {table}")  # noqa: S608 - quoted names
        rows = cursor.fetchall()
        for row_pk, value in rows:
            if value is not None and is_token(value):
                plain = fernet.decrypt(value.encode("ascii")).decode("utf-8")
                cursor.execute(
                    f"UPDATE {table} SET {col} = %s WHERE {pk} = %s",  # noqa: S608 - quoted names
                    [plain, row_pk],
                )
    return len(rows)


def rotate_all() -> dict[str, int]:
    """Re-encrypt every protected field of every model; return the count per model field."""
    return {
        f"{model._meta.label}.{field.name}": reencrypt_column(model, field.column)
        for model, field in encrypted_fields()
    }
