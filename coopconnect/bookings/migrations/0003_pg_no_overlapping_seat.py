"""On PostgreSQL, make the database itself refuse two active bookings of the same seat at once.

SQLite has no exclusion constraints; there the IMMEDIATE transaction mode serialises writers and
the service checks under that lock.
"""

from django.db import migrations

CONSTRAINT = "booking_no_overlapping_seat"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    schema_editor.execute(
        f"""ALTER TABLE bookings_booking ADD CONSTRAINT {CONSTRAINT}
        EXCLUDE USING gist (
            resource_id WITH =,
            seat_number WITH =,
            tstzrange("start", "end", '[)') WITH &&
        ) WHERE (status IN ('pending', 'confirmed', 'checked_in'))"""
    )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE bookings_booking DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("bookings", "0002_policy_grants_waitlist_access_feeds")]

    operations = [migrations.RunPython(forward, backward)]
