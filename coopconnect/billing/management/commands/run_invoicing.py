"""Invoice a month: ``manage.py run_invoicing --month 2026-11 [--issuer ID]`` (idempotent)."""

from django.core.management.base import BaseCommand, CommandError

from coopconnect.billing.jobs import run_invoicing_task
from coopconnect.billing.models import Issuer
from coopconnect.billing.services.invoicing.run import check_month_over, parse_month
from coopconnect.core.errors import DomainError


class Command(BaseCommand):
    help = "Émet les factures d'un mois (personnes et employeurs) ; relancer un mois n'émet rien en double."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--month", required=True, help="Mois à facturer, AAAA-MM (ex. 2026-11)")
        parser.add_argument("--issuer", type=int, default=None, help="N'émettre que pour cet émetteur (id)")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        issuer_id = options["issuer"]
        if issuer_id is not None and not Issuer.objects.filter(pk=issuer_id).exists():
            raise CommandError(f"Émetteur {issuer_id} introuvable.")
        try:
            check_month_over(parse_month(options["month"]))
            summary = run_invoicing_task.call(options["month"], issuer_id)
        except DomainError as exc:
            # A refusal is a message and a non-zero exit status, never a traceback.
            raise CommandError(exc.message) from exc
        self.stdout.write(summary)
