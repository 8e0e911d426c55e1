"""Precompute the commune-to-commune road-time matrix of the configured OSRM dataset."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coopconnect.territory import matrix
from coopconnect.territory.models import Commune


class Command(BaseCommand):
    help = (
        "Calcule avec OSRM les temps de route entre communes (à moins de --limit minutes) "
        "et les enregistre à côté du jeu de données (<jeu>.matrix.npz)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dataset", help="jeu de données OSRM (.osrm) ; par défaut OSRM_DATASET")
        parser.add_argument("--out", help="fichier .npz ; par défaut <jeu>.matrix.npz")
        parser.add_argument("--limit", type=float, default=matrix.DEFAULT_LIMIT_MINUTES, help="minutes (60)")

    def handle(self, *args, dataset=None, out=None, limit=matrix.DEFAULT_LIMIT_MINUTES, **options):
        from coopconnect.territory.travel import OsrmEngine

        dataset = dataset or getattr(settings, "OSRM_DATASET", "") or ""
        if not dataset:
            raise CommandError("Aucun jeu de données OSRM : réglez OSRM_DATASET ou passez --dataset.")
        if not 0 < limit <= 240:
            raise CommandError("--limit : entre 1 et 240 minutes.")
        try:
            engine = OsrmEngine(dataset)
        except Exception as exc:  # osrm raises plain RuntimeError on a missing or broken dataset
            raise CommandError(f"Jeu de données OSRM illisible : {dataset} ({exc}).") from exc
        target = Path(out) if out else Path(f"{engine.dataset_path}.matrix.npz")
        communes = list(Commune.objects.values_list("insee", "latitude", "longitude"))
        if not communes:
            raise CommandError("Aucune commune en base : lancez d'abord load_communes.")
        try:
            report = matrix.matrix_build(
                engine=engine, communes=communes, out=target, limit_minutes=limit, dataset=str(dataset)
            )
        except matrix.MatrixError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.covered} communes couvertes sur {report.communes}, {report.pairs} trajets "
                f"à moins de {limit:g} min, en {report.seconds:.1f} s : {report.path}"
            )
        )
