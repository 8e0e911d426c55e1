"""Create the database cache table where the abuse limits count requests (settings.CACHES)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # createcachetable does nothing when CACHES holds no database cache or the table exists.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_user_erased_at")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop, elidable=True)]
