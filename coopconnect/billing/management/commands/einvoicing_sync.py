"""Send issued B2B invoices through the configured platform and read the statuses it reports.

The platform is configured by ``COOP_EINVOICING_DIR`` (the "directory" backend: files to upload in
``outbox/``, status files read from ``inbox/``); see ``billing/einvoicing/platforms.py``.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Transmet les factures entre professionnels à la plateforme agréée et lit leurs statuts."

    def handle(self, *args: object, **options: object) -> None:
        from coopconnect.billing.einvoicing.platforms import (
            ENV_DIR,
            get_platform,
            read_statuses,
            send_pending,
        )

        platform = get_platform()
        if platform is None:
            raise CommandError(f"Aucune plateforme configurée : définissez {ENV_DIR}.")
        sent = send_pending(platform)
        read = read_statuses(platform)
        self.stdout.write(
            f"{len(sent)} facture(s) transmise(s), {read.applied} statut(s) appliqué(s), "
            f"{len(read.unknown)} inconnu(s), {len(read.refused)} fichier(s) refusé(s)."
        )
        for message in read.refused:
            self.stderr.write(message)
