"""The study's networks of third places (pre-study Coop-connect 2012), as seed_demo configures them."""

from typing import Any

NETWORKS: list[dict[str, Any]] = [
    {
        "slug": "reseau-soho-solo-gers",
        "name": "Réseau Soho-Solo Gers",
        "website": "http://www.soho-solo-gers.com",
        "description": (
            "Réseau de 8 télécentres du Gers, élément du dispositif Soho Solo (« Small Office Home Office ») "
            "mis en œuvre par la CCI du Gers pour accueillir les travailleurs indépendants : 52 villages "
            "d'accueil et 31 villages associés. Les télécentres ont ouvert à partir de 2008, dans des "
            "bâtiments mis à disposition par les mairies. Adhésion gratuite, 340 membres."
        ),
    },
    {
        "slug": "cybercantal",
        "name": "CyberCantal",
        "description": (
            "Réseau des télécentres du Cantal impulsé par le Conseil général : favoriser le télétravail "
            "salarié, fédérer les télétravailleurs indépendants, attirer de nouveaux actifs."
        ),
    },
    {
        "slug": "nomades100",
        "name": "Nom@des100",
        "description": (
            "Réseau de télécentres de l'Orne lancé en 2010 : soutien à "
            "la création de 10 télécentres en 3 ans "
            "(jusqu'à 40 k€ par télécentre par le Département, Très Haut Débit financé par la Région), "
            "sur labellisation par une commission."
        ),
    },
    {
        "slug": "coop-connect-paca",
        "name": "Réseau Coop-connect Provence-Alpes-Côte d'Azur",
        "description": (
            "Le réseau de tiers-lieux ruraux que la pré-étude Coop-connect (2012) propose pour la région : "
            "mutualisation, coopération et services connectés à moins de 20 minutes de chez soi."
        ),
    },
]
