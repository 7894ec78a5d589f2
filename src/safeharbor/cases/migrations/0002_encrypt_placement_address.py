"""Encrypt placement addresses and providers at rest (docs/security.md, "Protected fields").

Three steps: widen provider_name to text (a token is longer than 160 characters), encrypt every
existing value in place with the primary key of SAFEHARBOR_FIELD_KEYS, then switch both fields
to EncryptedTextField (no schema change: the column stays text). Reversible: the reverse
decrypts the values again.
"""

from django.db import migrations, models

import safeharbor.protected.fields


def encrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import reencrypt_column

    placement = apps.get_model("cases", "Placement")
    for column in ("address", "provider_name"):
        reencrypt_column(placement, column)


def decrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import decrypt_column

    placement = apps.get_model("cases", "Placement")
    for column in ("address", "provider_name"):
        decrypt_column(placement, column)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="placement",
            name="provider_name",
            field=models.TextField(blank=True, max_length=160),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing),
        migrations.AlterField(
            model_name="placement",
            name="address",
            field=safeharbor.protected.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="placement",
            name="provider_name",
            field=safeharbor.protected.fields.EncryptedTextField(blank=True, max_length=160),
        ),
    ]
