"""Encrypt the circumstances and risk notes stored before they were protected (docs/security.md).

Separate from 0002 so that the updates run in their own transaction (PostgreSQL refuses schema
changes to a table with updated rows pending in the same one). Safe to run on values already
encrypted: ``reencrypt_column`` re-encrypts tokens and encrypts plain text. Reversible.
"""

from django.db import migrations


def encrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import reencrypt_column

    episode = apps.get_model("missing", "MissingEpisode")
    for column in ("circumstances", "risk_notes"):
        reencrypt_column(episode, column)


def decrypt_existing(apps, schema_editor):
    from safeharbor.protected.rotation import decrypt_column

    episode = apps.get_model("missing", "MissingEpisode")
    for column in ("circumstances", "risk_notes"):
        decrypt_column(episode, column)


class Migration(migrations.Migration):
    dependencies = [
        ("missing", "0002_episode_details_efforts_debrief_flags"),
    ]

    operations = [
        migrations.RunPython(encrypt_existing, decrypt_existing),
    ]
