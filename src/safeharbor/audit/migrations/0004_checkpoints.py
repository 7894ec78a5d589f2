"""Signed checkpoints of the audit chain's head (ADR 0011); append-only on PostgreSQL like the trail.

The trigger binds the table's owner, as 0002 does for the events; a test database (``test_…``)
may still be emptied with TRUNCATE between tests.
"""

from django.db import migrations, models

CREATE = r"""
CREATE OR REPLACE FUNCTION safeharbor_checkpoint_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE'
       AND current_database() LIKE 'test\_%'
       AND coalesce(current_setting('safeharbor.audit_truncate', true), '') <> 'refuse' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit checkpoints are append-only: % on audit_auditcheckpoint is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_auditcheckpoint_append_only
    BEFORE UPDATE OR DELETE ON audit_auditcheckpoint
    FOR EACH ROW EXECUTE FUNCTION safeharbor_checkpoint_append_only();

CREATE TRIGGER audit_auditcheckpoint_no_truncate
    BEFORE TRUNCATE ON audit_auditcheckpoint
    FOR EACH STATEMENT EXECUTE FUNCTION safeharbor_checkpoint_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_auditcheckpoint_no_truncate ON audit_auditcheckpoint;
DROP TRIGGER IF EXISTS audit_auditcheckpoint_append_only ON audit_auditcheckpoint;
DROP FUNCTION IF EXISTS safeharbor_checkpoint_append_only();
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_index_target"),
    ]

    operations = [
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("at", models.DateTimeField()),
                ("head_id", models.BigIntegerField()),
                ("head_hash", models.CharField(max_length=64)),
                ("key_id", models.CharField(max_length=12)),
                ("mac", models.CharField(max_length=64)),
            ],
            options={
                "ordering": ["id"],
            },
        ),
        migrations.RunPython(_run(CREATE), _run(DROP)),
    ]
