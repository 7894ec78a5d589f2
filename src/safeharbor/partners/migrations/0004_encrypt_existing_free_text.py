"""Encrypt the free text stored in the clear before 0003_encrypt_free_text (docs/security.md).

Separate from 0003 so that the updates run in their own transaction (PostgreSQL refuses schema
changes to a table with updated rows pending in the same one). Safe to run again:
``reencrypt_column`` re-encrypts tokens and encrypts plain text. Reversible.
"""

from django.db import migrations

COLUMNS = {
    "Referral": ["contact", "information_shared", "shared_with", "basis", "outcome"],
    "Meeting": ["cancelled_reason"],
    "NextStep": ["description", "done_note"],
}


def encrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import reencrypt_column

    for model, columns in COLUMNS.items():
        for column in columns:
            reencrypt_column(apps.get_model("partners", model), column)


def decrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import decrypt_column

    for model, columns in COLUMNS.items():
        for column in columns:
            decrypt_column(apps.get_model("partners", model), column)


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_encrypt_free_text"),
    ]

    operations = [
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
