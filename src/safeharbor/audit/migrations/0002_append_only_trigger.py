"""On PostgreSQL the audit table refuses UPDATE, DELETE and TRUNCATE (SPEC §8: append-only).

A trigger, not a permission: it binds the table's owner too, so even the application's own
role cannot rewrite history; only a superuser who disables the trigger can, and the hash chain
then shows it (``manage.py safeharbor audit verify``). SQLite has no such triggers here: this
migration does nothing there, and the chain is the only guard.

One exception: a *test* database (named ``test_…``, as Django's test runner names them) may be
emptied with TRUNCATE between tests, unless the session sets ``safeharbor.audit_truncate`` to
``refuse`` (the test that proves the refusal does).
"""

from django.db import migrations

CREATE = r"""
CREATE OR REPLACE FUNCTION safeharbor_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'TRUNCATE'
       AND current_database() LIKE 'test\_%'
       AND coalesce(current_setting('safeharbor.audit_truncate', true), '') <> 'refuse' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'the audit trail is append-only: % on audit_auditevent is refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION safeharbor_audit_append_only();

CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION safeharbor_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent;
DROP TRIGGER IF EXISTS audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS safeharbor_audit_append_only();
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
