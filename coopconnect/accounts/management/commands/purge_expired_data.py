"""Delete personal data past its retention period (run once a day)."""

from django.core.management.base import BaseCommand

from coopconnect.accounts.jobs import purge_expired_data_job


class Command(BaseCommand):
    help = (
        "Supprime les données personnelles dont la durée de conservation est passée : comptes non "
        "vérifiés, sessions expirées, résultats de tâches, listes d'attente et journaux d'accès anciens."
    )

    def handle(self, *args, **options):
        counts = purge_expired_data_job.call()
        for kind, count in counts.items():
            self.stdout.write(f"{kind} : {count} supprimé(s)")
