"""manage.py restore PATH: replace the whole database by a backup (refused over data without --force)."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from coopconnect.core import backup


class Command(BaseCommand):
    help = (
        "Restaure toute la base de données depuis une sauvegarde de « manage.py backup ». Refusé si la "
        "base contient déjà des données, sauf avec --force (elles sont alors toutes remplacées)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", metavar="FICHIER", help="Fichier de sauvegarde à restaurer")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Alias de la base (default)")
        parser.add_argument(
            "--force", action="store_true", help="Remplacer une base qui contient déjà des données"
        )

    def handle(self, *args: object, **options: object) -> None:
        using = str(options["database"])
        try:
            backup.restore(str(options["path"]), using=using, force=bool(options["force"]))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        rows = sum(backup.row_counts(using).values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Base restaurée depuis {options['path']} ({rows} lignes). "
                "Lancez ensuite « manage.py migrate » si le code est plus récent que la sauvegarde."
            )
        )
