"""Load (or refresh) every French commune from the vendored reference file: no download."""

from django.core.management.base import BaseCommand, CommandError

from coopconnect.territory.services import CommuneFileError, communes_load


class Command(BaseCommand):
    help = "Charge ou met à jour les communes de France depuis le fichier fourni avec l'application."

    def add_arguments(self, parser):
        parser.add_argument(
            "path",
            nargs="?",
            help="communes.csv.gz (regions.csv, departments.csv, epci.csv à côté) ; "
            "par défaut coopconnect/territory/data/",
        )

    def handle(self, *args, path=None, **options):
        try:
            report = communes_load(path=path)
        except CommuneFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.communes} communes ({report.communes_created} créées, "
                f"{report.communes_updated} mises à jour, {report.approximate} à position approximative), "
                f"{report.departments} départements, {report.regions} régions, {report.epcis} EPCI, "
                f"{report.postcodes} codes postaux par commune "
                f"en {report.seconds:.1f} s."
            )
        )
        if report.not_in_file:
            self.stdout.write(
                self.style.WARNING(f"{report.not_in_file} communes en base absentes du fichier (conservées).")
            )
