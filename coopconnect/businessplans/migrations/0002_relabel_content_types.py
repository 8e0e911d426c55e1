# The models came from the territory app: their content types (used by admin log entries and
# permissions) follow them, so history and granted permissions are kept.

from django.db import migrations

from coopconnect.core.model_moves import relabel_content_types

MODELS = ("businessplan", "scenario", "chargelineitem", "incomelineitem")


class Migration(migrations.Migration):

    dependencies = [
        ("businessplans", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [relabel_content_types("territory", "businessplans", MODELS)]
