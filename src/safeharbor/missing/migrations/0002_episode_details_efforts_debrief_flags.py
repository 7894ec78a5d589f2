"""Missing episodes in full: description, risk information, locate efforts, the debrief, flags.

The circumstances and risk notes become EncryptedTextField (the column stays text); 0003 encrypts
the values already stored, in its own transaction: on PostgreSQL, rows updated in a transaction
block the schema changes that follow in it ("pending trigger events").
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import safeharbor.protected.fields


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0001_initial"),
        ("missing", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="missingepisode",
            name="clothing",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="clothing when last seen"
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="eyes",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "Not recorded"),
                    ("brown", "Brown"),
                    ("blue", "Blue"),
                    ("green", "Green"),
                    ("hazel", "Hazel"),
                    ("gray", "Gray"),
                    ("black", "Black"),
                    ("multicolored", "Multicolored"),
                    ("unknown", "Unknown"),
                ],
                max_length=20,
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="hair",
            field=models.CharField(
                blank=True, help_text="Colour, length and style.", max_length=80
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="height_inches",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="idempotency_key",
            field=models.CharField(blank=True, max_length=64, null=True, unique=True),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="marks",
            field=safeharbor.protected.fields.EncryptedTextField(
                blank=True,
                help_text="Also piercings, glasses, braces.",
                verbose_name="scars, marks, tattoos",
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="photo_reference",
            field=models.CharField(
                blank=True, help_text="Where a current photo is kept.", max_length=200
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="return_recorded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_exploiter",
            field=safeharbor.protected.fields.EncryptedTextField(
                choices=[("unknown", "Not known"), ("yes", "Yes"), ("no", "No")],
                default="unknown",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_exploiter_detail",
            field=safeharbor.protected.fields.EncryptedTextField(blank=True),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_medications",
            field=safeharbor.protected.fields.EncryptedTextField(
                choices=[("unknown", "Not known"), ("yes", "Yes"), ("no", "No")],
                default="unknown",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_medications_detail",
            field=safeharbor.protected.fields.EncryptedTextField(blank=True),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_pregnancy",
            field=safeharbor.protected.fields.EncryptedTextField(
                choices=[("unknown", "Not known"), ("yes", "Yes"), ("no", "No")],
                default="unknown",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_pregnancy_detail",
            field=safeharbor.protected.fields.EncryptedTextField(blank=True),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_suicide",
            field=safeharbor.protected.fields.EncryptedTextField(
                choices=[("unknown", "Not known"), ("yes", "Yes"), ("no", "No")],
                default="unknown",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_suicide_detail",
            field=safeharbor.protected.fields.EncryptedTextField(blank=True),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_trafficking_indicators",
            field=safeharbor.protected.fields.EncryptedTextField(
                choices=[("unknown", "Not known"), ("yes", "Yes"), ("no", "No")],
                default="unknown",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="risk_trafficking_indicators_detail",
            field=safeharbor.protected.fields.EncryptedTextField(blank=True),
        ),
        migrations.AddField(
            model_name="missingepisode",
            name="weight_pounds",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name="missingepisode",
            name="circumstances",
            field=safeharbor.protected.fields.EncryptedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="missingepisode",
            name="risk_notes",
            field=safeharbor.protected.fields.EncryptedTextField(
                blank=True, verbose_name="other risk information"
            ),
        ),
        migrations.CreateModel(
            name="LocateEffort",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("made_at", models.DateTimeField()),
                ("made_by", models.CharField(max_length=200, verbose_name="who")),
                (
                    "effort",
                    safeharbor.protected.fields.EncryptedTextField(verbose_name="what was done"),
                ),
                ("result", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("recorded_at", models.DateTimeField()),
                ("idempotency_key", models.CharField(max_length=64, unique=True)),
                (
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="locate_efforts",
                        to="missing.missingepisode",
                    ),
                ),
                (
                    "recorded_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-made_at", "-id"],
            },
        ),
        migrations.CreateModel(
            name="MissingPatternPolicy",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("chronic_episodes", models.PositiveSmallIntegerField(default=3)),
                ("chronic_months", models.PositiveSmallIntegerField(default=12)),
                ("same_placement_hours", models.FloatField(default=72)),
                ("updated_at", models.DateTimeField(blank=True, null=True)),
                ("version", models.PositiveIntegerField(default=1)),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "missing pattern policy",
            },
        ),
        migrations.CreateModel(
            name="ReturnDebrief",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("conducted_at", models.DateTimeField()),
                (
                    "participation",
                    models.CharField(
                        choices=[
                            ("took_part", "The youth talked with me"),
                            ("partly", "The youth answered some questions"),
                            ("declined", "The youth did not want to talk now"),
                        ],
                        max_length=20,
                    ),
                ),
                ("primary_factors", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                (
                    "experiences_while_absent",
                    safeharbor.protected.fields.EncryptedTextField(blank=True),
                ),
                (
                    "anyone_asked_or_promised",
                    safeharbor.protected.fields.EncryptedTextField(blank=True),
                ),
                ("what_would_help", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("locate_efforts", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("reports_made", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("ncmec_collaboration", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("placement_when_ran", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("services_when_ran", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("special_needs", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("unaddressed_trauma", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("family_connection", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                (
                    "trafficking_concerns",
                    safeharbor.protected.fields.EncryptedTextField(blank=True),
                ),
                ("services_needed", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("caregiver_willing", safeharbor.protected.fields.EncryptedTextField(blank=True)),
                ("recorded_at", models.DateTimeField()),
                (
                    "conducted_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "episode",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="debrief",
                        to="missing.missingepisode",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="PatternFlag",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("chronic_runaway", "High-risk chronic runaway"),
                            (
                                "same_placement",
                                "Possible recruitment: youth missing from the same placement",
                            ),
                        ],
                        max_length=20,
                    ),
                ),
                ("reason", models.CharField(max_length=500)),
                ("source", models.CharField(max_length=200)),
                ("raised_at", models.DateTimeField()),
                (
                    "episode",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="flags",
                        to="missing.missingepisode",
                    ),
                ),
                (
                    "related",
                    models.ManyToManyField(
                        blank=True, related_name="+", to="missing.missingepisode"
                    ),
                ),
                (
                    "trigger",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="missing.missingepisode",
                    ),
                ),
                (
                    "youth",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="cases.youth",
                    ),
                ),
            ],
            options={
                "ordering": ["-raised_at", "-id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("kind", "episode", "trigger"),
                        name="one_flag_per_kind_episode_trigger",
                    )
                ],
            },
        ),
    ]
