"""manage.py backup PATH: a consistent copy of the whole database while the service keeps running."""

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS

from coopconnect.core import backup


class Command(BaseCommand):
    help = (
        "Sauvegarde toute la base de données dans un fichier (SQLite : API de sauvegarde en ligne ; "
        "PostgreSQL : pg_dump au format custom), sans arrêter le service."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", metavar="FICHIER", help="Fichier de sauvegarde à écrire")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Alias de la base (default)")

    def handle(self, *args: object, **options: object) -> None:
        try:
            path = backup.backup(str(options["path"]), using=str(options["database"]))
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        self.stdout.write(self.style.SUCCESS(f"Sauvegarde écrite : {path} ({size} octets)."))
