"""On PostgreSQL, make the database refuse to change or delete an issued invoice's stored document
and its lifecycle steps (written once, appended, never rewritten), whoever writes.

TRUNCATE (the test runner's flush, ``pg_restore --clean``) is not a row change and is not affected.
SQLite has no such trigger; there the models and querysets (``billing/models/documents.py``) refuse.
"""

from django.db import migrations

FUNCTION = "billing_refuse_write_once_change"
BODY = """
    BEGIN
        RAISE EXCEPTION USING
            ERRCODE = 'restrict_violation',
            MESSAGE = 'Un document de facture émise est définitif (' || TG_OP || ' refusé sur '
                      || TG_TABLE_NAME || ')',
            HINT = 'billing_invoice_issued_immutable';
    END
"""
TRIGGERS = [
    ("billing_invoicedocument", "billing_invoicedocument_write_once"),
    ("billing_invoicestatusevent", "billing_invoicestatusevent_write_once"),
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $body${BODY}$body$"
    )
    for table, trigger in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, trigger in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [("billing", "0006_invoice_documents_lifecycle_buyer_details")]

    operations = [migrations.RunPython(forward, backward)]
