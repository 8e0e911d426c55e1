"""Configure every tariff of the study on the demo places: ``manage.py seed_billing`` (idempotent)."""

from django.core.management.base import BaseCommand

from coopconnect.billing.seed import seed_billing


class Command(BaseCommand):
    help = "Configure les tarifs de l'étude sur les lieux de démonstration (sans doublon si relancé)."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        for owner, count in seed_billing().items():
            self.stdout.write(f"{owner} : {count} tarif(s)")
