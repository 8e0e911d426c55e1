"""Invoice a month: ``manage.py run_invoicing --month 2026-11`` (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from coopconnect.billing.jobs import run_invoicing_task
from coopconnect.billing.services.invoicing.run import parse_month
from coopconnect.core.errors import DomainError


class Command(BaseCommand):
    help = "Émet les factures d'un mois (personnes et employeurs) ; relancer un mois n'émet rien en double."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--month", required=True, help="Mois à facturer, AAAA-MM (ex. 2026-11)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            parse_month(options["month"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(run_invoicing_task.call(options["month"]))
