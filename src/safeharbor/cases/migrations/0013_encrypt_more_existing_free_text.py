"""Encrypt the free text stored in the clear before 0012_encrypt_more_free_text (docs/security.md).

Separate from 0012 so that the updates run in their own transaction (PostgreSQL refuses schema
changes to a table with updated rows pending in the same one). Safe to run again:
``reencrypt_column`` re-encrypts tokens and encrypts plain text. Reversible.
"""

from django.db import migrations

COLUMNS = {
    "Youth": ["gender_identity", "pronouns", "other_languages"],
    "Assignment": ["note"],
    "VictimDetermination": ["source_detail"],
}


def encrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import reencrypt_column

    for model, columns in COLUMNS.items():
        for column in columns:
            reencrypt_column(apps.get_model("cases", model), column)


def decrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import decrypt_column

    for model, columns in COLUMNS.items():
        for column in columns:
            decrypt_column(apps.get_model("cases", model), column)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0012_encrypt_more_free_text"),
    ]

    operations = [
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
