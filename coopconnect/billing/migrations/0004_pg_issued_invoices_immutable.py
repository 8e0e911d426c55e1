"""On PostgreSQL, make the database itself refuse to change or delete what an issued invoice says.

Refused, whoever writes (the ORM, a raw SQL session, a script):
- UPDATE or DELETE of an issued invoice or credit note: every column is final once issued (the
  payment state is derived from payments and refunds, never stored on the invoice). Issuing itself
  (a draft turned issued) is an UPDATE of a draft, so it passes;
- UPDATE or DELETE of a line of an issued invoice, or an UPDATE moving a line into one;
- UPDATE or DELETE of a payment or refund recorded against an issued document, except setting
  ``recorded_by_id`` to NULL (the staff account that recorded it being deleted: SET_NULL).
Corrections go through credit notes. TRUNCATE (the test runner's flush, ``pg_restore --clean``
drops tables) is not a row change and is not affected.

SQLite has no such trigger here; there the models' ``save``/``delete`` and the guarded querysets
(``billing/models/immutability.py``) refuse the same changes made through the ORM.
"""

from django.db import migrations

MESSAGE = "Une facture émise est définitive : émettez un avoir."

FUNCTIONS = {
    "billing_refuse_issued_invoice_change": f"""
        BEGIN
            IF OLD.status = 'issued' THEN
                RAISE EXCEPTION USING
                    ERRCODE = 'restrict_violation',
                    MESSAGE = '{MESSAGE} (' || TG_OP || ' refusé sur la facture ' || OLD.number || ')',
                    HINT = 'billing_invoice_issued_immutable';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END
    """,
    "billing_refuse_issued_line_change": f"""
        BEGIN
            IF EXISTS (SELECT 1 FROM billing_invoice i WHERE i.id = OLD.invoice_id AND i.status = 'issued')
               OR (TG_OP = 'UPDATE' AND EXISTS (
                   SELECT 1 FROM billing_invoice i WHERE i.id = NEW.invoice_id AND i.status = 'issued'))
            THEN
                RAISE EXCEPTION USING
                    ERRCODE = 'restrict_violation',
                    MESSAGE = '{MESSAGE} (' || TG_OP || ' refusé sur une ligne de facture émise)',
                    HINT = 'billing_invoice_issued_immutable';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END
    """,
    "billing_refuse_recorded_money_change": f"""
        BEGIN
            IF TG_OP = 'UPDATE' AND NEW.recorded_by_id IS NULL
               AND (to_jsonb(NEW) - 'recorded_by_id') = (to_jsonb(OLD) - 'recorded_by_id') THEN
                RETURN NEW;
            END IF;
            IF EXISTS (SELECT 1 FROM billing_invoice i WHERE i.id = OLD.invoice_id AND i.status = 'issued')
            THEN
                RAISE EXCEPTION USING
                    ERRCODE = 'restrict_violation',
                    MESSAGE = '{MESSAGE} (' || TG_OP || ' refusé sur ' || TG_TABLE_NAME || ')',
                    HINT = 'billing_invoice_issued_immutable';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END
    """,
}

TRIGGERS = [
    ("billing_invoice", "billing_invoice_immutable", "billing_refuse_issued_invoice_change"),
    ("billing_invoiceline", "billing_invoiceline_immutable", "billing_refuse_issued_line_change"),
    ("billing_payment", "billing_payment_immutable", "billing_refuse_recorded_money_change"),
    ("billing_refund", "billing_refund_immutable", "billing_refuse_recorded_money_change"),
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, body in FUNCTIONS.items():
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $body${body}$body$"
        )
    for table, trigger, function in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
        schema_editor.execute(
            f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {function}()"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, trigger, _function in TRIGGERS:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    for name in FUNCTIONS:
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {name}()")


class Migration(migrations.Migration):
    dependencies = [("billing", "0003_protect_tariffs_and_free_periods_of_places")]

    operations = [migrations.RunPython(forward, backward)]
