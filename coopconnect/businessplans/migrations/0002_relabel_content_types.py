# The models came from the territory app: their content types (used by admin log entries and
# permissions) follow them, so history and granted permissions are kept.

from django.db import migrations

MODELS = ("businessplan", "scenario", "chargelineitem", "incomelineitem")


def relabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label="businessplans", model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label="territory", model=model).update(app_label="businessplans")


def unlabel(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in MODELS:
        if ContentType.objects.using(db).filter(app_label="territory", model=model).exists():
            continue
        ContentType.objects.using(db).filter(app_label="businessplans", model=model).update(app_label="territory")


class Migration(migrations.Migration):

    dependencies = [
        ("businessplans", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(relabel, unlabel)]
