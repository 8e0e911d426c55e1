"""Remind buyers of overdue invoices: ``manage.py send_invoice_reminders`` (daily)."""

from django.core.management.base import BaseCommand

from coopconnect.billing.jobs import send_reminders_task


class Command(BaseCommand):
    help = "Envoie les relances des factures échues (à 1, 15 et 30 jours de retard), une fois par palier."

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        self.stdout.write(f"{send_reminders_task.call()} relance(s) envoyée(s).")
