"""Check an invoice file against EN 16931 and the French CTC rules (BR-FR).

``manage.py check_invoice FILE`` accepts a Factur-X PDF (its embedded XML is checked), a CII XML or a
UBL 2.1 XML; prints every failed assertion and exits with status 1 when one is an error.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Vérifie une facture (PDF Factur-X, XML CII ou UBL) : règles EN 16931 et françaises (BR-FR)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="Fichier PDF Factur-X, XML CII ou XML UBL 2.1")

    def handle(self, *args: object, **options: object) -> None:
        import facturx

        from coopconnect.billing.einvoicing.validation import errors, validate

        path = Path(str(options["file"]))
        if not path.is_file():
            raise CommandError(f"Fichier introuvable : {path}")
        data = path.read_bytes()
        if data.startswith(b"%PDF"):
            _name, data = facturx.get_xml_from_pdf(data, check_xsd=False)
            if not data:
                raise CommandError("Ce PDF ne contient pas de XML Factur-X.")
        try:
            findings = validate(data)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for f in findings:
            self.stdout.write(f"[{f.flag}] {f.rule_set} {f.rule} : {f.text}")
        failed = errors(findings)
        if failed:
            raise CommandError(f"{len(failed)} erreur(s) : la facture n'est pas conforme.")
        self.stdout.write(self.style.SUCCESS(f"Conforme : 0 erreur, {len(findings)} avertissement(s)."))
