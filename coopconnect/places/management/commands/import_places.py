"""manage.py import_places <file>: import the CGET census or any CSV/GeoJSON, whole or not at all."""

import json
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from coopconnect.places.importing.files import import_file
from coopconnect.places.importing.report import ImportFileError


class Command(BaseCommand):
    help = (
        "Importe des lieux depuis un CSV ou un GeoJSON (le recensement CGET 2019 est reconnu sans "
        "correspondance). Tout ou rien : si une ligne est rejetée, rien n'est enregistré."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Fichier CSV ou GeoJSON")
        parser.add_argument("--format", choices=["csv", "geojson"], help="Par défaut : d'après l'extension")
        parser.add_argument(
            "--mapping",
            help='Fichier JSON de correspondance, ex. {"fields": {"name": "nom", "latitude": "lat", ...}}',
        )
        parser.add_argument("--source", help="Nom de la source (par défaut cget-2019 ou le nom du fichier)")
        parser.add_argument("--dry-run", action="store_true", help="Vérifier sans rien enregistrer")

    def handle(self, *args: object, **options: object) -> None:
        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        mapping = None
        if options["mapping"]:
            try:
                mapping = json.loads(Path(str(options["mapping"])).read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise CommandError(f"Correspondance illisible : {exc}") from exc
        started = time.perf_counter()
        try:
            report = import_file(
                path,
                fmt=options["format"],
                mapping=mapping,
                source=options["source"],
                dry_run=bool(options["dry_run"]),
            )
        except ImportFileError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        for line, reason in report.warnings:
            self.stderr.write(f"Avertissement, {report.unit} {line} : {reason}")
        if report.errors:
            for line, reason in report.errors:
                self.stderr.write(f"Rejet, {report.unit} {line} : {reason}")
            raise CommandError(
                f"Import annulé : {len(report.errors)} {report.unit}(s) rejetée(s), rien n'a été enregistré."
            )
        prefix = "Simulation (rien n'est enregistré) — " if report.dry_run else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"{prefix}source {report.source} : {report.created} créé(s), {report.updated} mis à jour, "
                f"{report.unchanged} inchangé(s), {report.communes_linked} rattaché(s) à une commune "
                f"({elapsed:.1f} s)."
            )
        )
