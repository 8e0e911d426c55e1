# The business plans and needs surveys now belong to the businessplans and surveys apps. Their tables keep
# their names (territory_*) and their rows: only Django's state forgets them here.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('territory', '0004_survey_rate_lock'),
        ('businessplans', '0001_initial'),
        ('surveys', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # Children before the models they point to.
            state_operations=[
                migrations.DeleteModel(name='SurveyAnswer'),
                migrations.DeleteModel(name='SurveyRateLock'),
                migrations.DeleteModel(name='SurveyResponse'),
                migrations.DeleteModel(name='Question'),
                migrations.DeleteModel(name='Survey'),
                migrations.DeleteModel(name='ChargeLineItem'),
                migrations.DeleteModel(name='IncomeLineItem'),
                migrations.DeleteModel(name='Scenario'),
                migrations.DeleteModel(name='BusinessPlan'),
            ],
            database_operations=[],
        ),
    ]
