"""Encrypt intake narratives at rest: they are disclosures (docs/security.md, "Protected fields").

Encrypts every existing value in place with the primary key of SAFEHARBOR_FIELD_KEYS, then
switches the field to EncryptedTextField (the column stays text). Reversible.
"""

from django.db import migrations

import safeharbor.protected.fields


def encrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import reencrypt_column

    reencrypt_column(apps.get_model("intake", "IntakeReport"), "narrative")


def decrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import decrypt_column

    decrypt_column(apps.get_model("intake", "IntakeReport"), "narrative")


class Migration(migrations.Migration):
    dependencies = [
        ("intake", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(encrypt_existing, decrypt_existing),
        migrations.AlterField(
            model_name="intakereport",
            name="narrative",
            field=safeharbor.protected.fields.EncryptedTextField(),
        ),
    ]
