"""Create the study's services bouquet (Service rows) from coopconnect.places.bouquet."""

from django.db import migrations


def create_bouquet(apps, schema_editor):
    from coopconnect.places.bouquet import bouquet_rows

    Service = apps.get_model("places", "Service")
    for row in bouquet_rows():
        code = row.pop("code")
        Service.objects.update_or_create(code=code, defaults=row)


class Migration(migrations.Migration):
    dependencies = [("places", "0001_initial")]

    operations = [migrations.RunPython(create_bouquet, migrations.RunPython.noop)]
