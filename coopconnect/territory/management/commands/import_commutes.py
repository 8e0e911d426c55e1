"""Import the INSEE home -> work flows (MOBPRO) the user downloaded: whole or nothing."""

from django.core.management.base import BaseCommand, CommandError

from coopconnect.core import formatting
from coopconnect.territory.services.commutes import CommuteFileError, commutes_import


class Command(BaseCommand):
    help = (
        "Importe les déplacements domicile-travail de l'Insee (fichier détail MOBPRO, CSV « ; », "
        "colonnes COMMUNE, DCLT, IPONDI, TRANS) ; remplace l'import précédent."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="le fichier CSV (FD_MOBPRO_*.csv)")

    def handle(self, *args, file, **options):
        try:
            report = commutes_import(path=file)
        except CommuteFileError as exc:
            details = "\n".join(exc.lines)
            raise CommandError(f"{exc}\n{details}".strip()) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.rows} lignes lues, {report.flows} trajets domicile-travail, "
                f"{formatting.number(round(report.workers))} actifs dont "
                f"{formatting.number(round(report.by_car))} en voiture."
            )
        )
        if report.unknown_homes:
            self.stdout.write(
                self.style.WARNING(
                    f"{report.unknown_homes} communes de résidence inconnues ignorées "
                    f"(fusionnées depuis le recensement ?) : {', '.join(report.unknown_home_codes)}"
                )
            )
