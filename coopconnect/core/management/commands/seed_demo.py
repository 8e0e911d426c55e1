"""manage.py seed_demo: communes, 2019 census, the study's reference places, demo accounts (idempotent)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coopconnect.core import seed


class Command(BaseCommand):
    help = (
        "Charge les données de démonstration (sans risque si relancé) : communes, recensement 2019 des "
        "tiers-lieux, lieux de référence de l'étude, comptes de "
        "démonstration, puis les étapes des autres apps."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--only", action="append", metavar="ÉTAPE", help="N'exécuter que cette étape")
        parser.add_argument("--skip", action="append", metavar="ÉTAPE", help="Sauter cette étape")
        parser.add_argument("--list", action="store_true", help="Lister les étapes et quitter")

    def handle(self, *args: object, **options: object) -> None:
        seed.discover()
        if options["list"]:
            for step in seed.steps():
                self.stdout.write(f"{step.order:>3}  {step.name}")
            return
        try:
            chosen = seed.steps(options["only"], options["skip"])  # type: ignore[arg-type]
        except KeyError as exc:
            raise CommandError(exc.args[0]) from exc
        seed.run(seed.SeedContext(out=self.stdout), only=[s.name for s in chosen])
        self.stdout.write(self.style.SUCCESS("Données de démonstration prêtes."))
