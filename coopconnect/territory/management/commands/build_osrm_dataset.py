"""Build an OSRM car-routing dataset from an OpenStreetMap extract (e.g. a Geofabrik region)."""

from django.core.management.base import BaseCommand, CommandError

from coopconnect.territory.travel import OsrmBuildError, osrm_dataset_build


class Command(BaseCommand):
    help = (
        "Construit un jeu de données OSRM (voiture) à partir d'un extrait OpenStreetMap .osm.pbf ; "
        "indiquez ensuite son chemin .osrm dans la variable OSRM_DATASET."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "pbf", help="extrait OpenStreetMap, ex. provence-alpes-cote-d-azur-latest.osm.pbf"
        )
        parser.add_argument("outdir", help="dossier où écrire les fichiers .osrm.*")
        parser.add_argument("--algorithm", choices=["CH", "MLD"], default="CH")
        parser.add_argument("--threads", type=int, default=None)

    def handle(self, *args, pbf, outdir, algorithm, threads, **options):
        try:
            base = osrm_dataset_build(pbf=pbf, outdir=outdir, algorithm=algorithm, threads=threads)
        except OsrmBuildError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(f"Jeu de données prêt. Ajoutez à l'environnement : OSRM_DATASET={base}")
        )
