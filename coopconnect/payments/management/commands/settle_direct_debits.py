"""Record as paid the direct debits whose date has come (run daily)."""

from typing import Any

from django.core.management.base import BaseCommand

from coopconnect.payments import jobs


class Command(BaseCommand):
    help = "Enregistre comme payés les prélèvements SEPA arrivés à échéance."

    def handle(self, *args: Any, **options: Any) -> None:
        count = jobs.settle_direct_debits()
        self.stdout.write(f"{count} prélèvement(s) enregistré(s).")
