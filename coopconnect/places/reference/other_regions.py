"""The study's reference places outside Provence-Alpes-Côte d'Azur: the Gers, Cantal and Orne
networks' telecentres, Reichstett (Alsace) and Pomerol (Gironde).
"""

from typing import Any

from coopconnect.places.models import AccessMode, LegalForm, ResourceKind, Typology

S = ResourceKind

PLACES: list[dict[str, Any]] = [
    {
        "key": "auch",
        "networks": ["reseau-soho-solo-gers"],
        "commune": ("32", "Auch"),
        "coords": (43.6465, 0.5855),
        "fields": {
            "name": "Télécentre Soho-Solo d'Auch – InnoParc",
            "typology": Typology.TELECENTRE,
            "carrier_name": "CCI du Gers",
            "legal_form": LegalForm.CHAMBER,
            "address": "InnoParc",
            "postcode": "32000",
            "opening_hours": "Mo-Fr 08:00-18:00; PH off",
            "access_mode": AccessMode.STAFFED,
            "website": "http://www.soho-solo-gers.com",
            "description": (
                "Le centre d'Auch, d'une capacité de 8 personnes, est installé dans la pépinière InnoParc, "
                "aux côtés d'un hôtel d'entreprises proposant des "
                "bureaux à la location. Il offre deux salles "
                "de réunion pour 15 et 25 personnes et un espace de coworking (d'abord pour 3 personnes, "
                "complété d'un espace pour 6 personnes, lui aussi « pris d'assaut »). Accès réservé aux "
                "membres du réseau Soho Solo (adhésion gratuite) ; bureaux et salles gratuits, coworking "
                "50 € / mois ; quota de 1 000 pages imprimées par mois et par membre."
            ),
        },
        # Imprimante, scanner, photocopieur avec compte personnel ; armoires fermant à clé ; espace
        # détente ; parkings vélos et voitures ; accessible ; pas de domiciliation.
        "services": [
            "wifi",
            "copier",
            "lockers",
            "kitchen",
            "meeting_rooms",
            "bike_parking",
            "car_parking",
            "step_free",
            "shops_nearby",
        ],
        "wifi_mbps": None,
        "resources": [
            {"kind": S.OFFICE, "name": "Bureau 1", "capacity": 4},
            {"kind": S.OFFICE, "name": "Bureau 2", "capacity": 4},
            {"kind": S.MEETING_ROOM, "name": "Salle de réunion 15 places", "capacity": 15},
            {"kind": S.MEETING_ROOM, "name": "Salle de réunion 25 places", "capacity": 25},
            {"kind": S.SEAT, "name": "Espace de coworking", "capacity": 3},
            {"kind": S.SEAT, "name": "Second espace de coworking", "capacity": 6},
        ],
    },
    {
        "key": "nogaro",
        "networks": ["reseau-soho-solo-gers"],
        "commune": ("32", "Nogaro"),
        "coords": (43.7589, -0.0331),
        "fields": {
            "name": "Télécentre Soho-Solo de Nogaro",
            "typology": Typology.TELECENTRE,
            "carrier_name": "CCI du Gers (locaux mis à disposition par la mairie)",
            "legal_form": LegalForm.CHAMBER,
            "address": "Mairie",
            "postcode": "32110",
            # Horaires de mairie, 1 à 4 jours par semaine : les jours exacts sont une hypothèse.
            "opening_hours": "Tu,Th 09:00-12:00,14:00-17:00; PH off",
            "access_mode": AccessMode.STAFFED,
            "description": (
                "Un des 7 télécentres « simples » du réseau Soho Solo : "
                "bureau équipé d'une imprimante, de la "
                "téléphonie et du wifi, en centre de village avec "
                "restaurants et commerces. Ouvert aux horaires "
                "de la mairie ; bureaux fermés à clé, ouverts à la demande par le secrétariat. Réservation "
                "par téléphone auprès de la mairie ou de la CCI."
            ),
        },
        "services": ["wifi", "copier", "car_parking", "step_free", "shops_nearby"],
        "wifi_mbps": None,
        # Capacité « de 1 à 6 personnes » selon les centres : 2 places ici (hypothèse).
        "resources": [{"kind": S.OFFICE, "name": "Bureau du télécentre", "capacity": 2}],
    },
    {
        "key": "murat",
        "networks": ["cybercantal"],
        "commune": ("15", "Murat"),
        "coords": (45.1103, 2.8686),
        "fields": {
            "name": "Télécentre du Pays de Murat",
            "typology": Typology.TELECENTRE,
            "carrier_name": "Communauté de communes du Pays de Murat",
            "legal_form": LegalForm.INTERCOMMUNALITY,
            "address": "Maison des Services, en face de la poste",
            "postcode": "15300",
            "opening_hours": "Mo-Fr 08:30-18:30; PH off",
            "access_mode": AccessMode.BADGE_24_7,
            "how_to_get_there": "Gare TER au village ; 40 minutes d'Aurillac, 30 minutes de l'autoroute.",
            "description": (
                "La référence française d'intégration d'une maison des services, d'un office de tourisme, "
                "d'un télécentre et d'un centre de formation dans un même lieu en zone rurale. Premier "
                "télécentre de 4 bureaux ouvert en 2007, second télécentre de plus de 100 m² ouvert en "
                "décembre 2011 : 10 bureaux individuels, salles de réunion, coworking de 6 places, deux "
                "fauteuils acoustiques. Ouvert de 8 h 30 à 18 h 30 en semaine ; les abonnés permanents ont "
                "un badge pour venir en autonomie 24 h/24. 20 € la journée, 10 € la demi-journée, 80 € la "
                "semaine, 100 € par mois pour 1 ou 2 jours par semaine ; 2 ans gratuits après la formation "
                "au télétravail du Pays de Murat."
            ),
        },
        # Visio, 2 salles (micro, vidéoprojecteur), 2 Sonic Chairs, copieur mutualisé, prise de messages
        # et courrier, gare TER, accessible, parkings, entouré de commerces.
        "services": [
            "wifi",
            "copier",
            "video",
            "phone_booth",
            "meeting_rooms",
            "domiciliation",
            "step_free",
            "car_parking",
            "public_transport",
            "shops_nearby",
        ],
        "wifi_mbps": None,
        "resources": [
            *[{"kind": S.OFFICE, "name": f"Bureau {n}", "capacity": 1} for n in range(1, 11)],
            # « Une petite salle de réunion » : 6 places (hypothèse).
            {"kind": S.MEETING_ROOM, "name": "Petite salle de réunion", "capacity": 6},
            {"kind": S.MEETING_ROOM, "name": "Salle de réunion", "capacity": 15},
            {"kind": S.SEAT, "name": "Espace de coworking", "capacity": 6},
            {"kind": S.VIDEO_POINT, "name": "Point visio", "capacity": 1},
        ],
    },
    {
        "key": "boitron",
        "networks": ["nomades100"],
        "commune": ("61", "Boitron"),
        "coords": (48.56166, 0.26675),
        "coords_exact": True,
        "census_duplicates": ["1267"],
        "fields": {
            "name": "Télécentre de Boitron",
            "typology": Typology.TELECENTRE,
            "carrier_name": "Commune de Boitron (gestion : association « Boitron Très Haut Débit »)",
            "legal_form": LegalForm.COMMUNE,
            "address": "Ancienne école, centre du bourg, près de la mairie",
            "postcode": "61500",
            "opening_hours": "24/7",
            "access_mode": AccessMode.BADGE_24_7,
            "how_to_get_there": (
                "20 km d'Alençon ; un quart d'heure de la gare (train direct pour Paris). Pas de transport "
                "en commun : un bus scolaire s'arrête devant."
            ),
            "description": (
                "Tiers-lieu ouvert en septembre 2010 dans l'ancienne "
                "école du village (90 m²), raccordé au Très "
                "Haut Débit par faisceau hertzien. Entièrement autogéré "
                "par l'association « Boitron Très Haut "
                "Débit » : pas de permanence, chaque membre a sa clé et vient à l'heure qui lui convient. La "
                "pièce centrale accueille 12 personnes en coworking, 18 en réunion, une cinquantaine en "
                "conférence ; deux bureaux privatifs de 2 à 3 personnes ; coin café et canapé. 50 € par mois "
                "plus 15 € d'adhésion annuelle ; location de la salle aux entreprises 100 € la journée."
            ),
        },
        "services": [
            "wifi",
            "copier",
            "kitchen",
            "meeting_rooms",
            "domiciliation",
            "step_free",
            "car_parking",
        ],
        "wifi_mbps": None,
        "resources": [
            {
                "kind": S.MEETING_ROOM,
                "name": "Salle principale",
                "capacity": 50,
                "surface_m2": None,
                "layouts": {"coworking": 12, "reunion": 18, "conference": 50},
            },
            {"kind": S.OFFICE, "name": "Bureau privatif 1", "capacity": 3},
            {"kind": S.OFFICE, "name": "Bureau privatif 2", "capacity": 3},
        ],
    },
    {
        "key": "reichstett",
        "networks": [],
        "commune": ("67", "Reichstett"),
        "coords": (48.642897, 7.762746),
        "coords_exact": True,
        "census_duplicates": ["931"],
        "fields": {
            "name": "Télécentre Bureau-Mobile de Reichstett",
            "typology": Typology.TELECENTRE,
            "carrier_name": "Bureau-Mobile (Uhl Bonaventure Informatique, Novalis, Green Ivory)",
            "legal_form": LegalForm.COMPANY,
            "address": "4 rue de l'Artisanat (zone artisanale)",
            "postcode": "67116",
            "opening_hours": "Mo-Fr 08:00-18:00; PH off",
            "access_mode": AccessMode.STAFFED,
            "how_to_get_there": "10 minutes à pied de l'arrêt de bus, "
            "près d'une sortie d'autoroute ; parking.",
            "description": (
                "Télécentre privé ouvert en septembre 2011 dans la zone artisanale de Reichstett, aux portes "
                "de Strasbourg, « là où commencent les embouteillages ». 350 m² : au rez-de-chaussée un open "
                "space modulable de 75 m² (30 personnes en coworking, ou salle de formation), une salle de "
                "réunion et de visioconférence, un bureau privatisable de 3 à 4 personnes, un espace détente "
                "et restauration ; à l'étage, un espace pour les start-ups. Accès par carte. 12 € HT la "
                "journée pendant l'expérimentation."
            ),
        },
        # Visio Cisco, casiers à fermeture par carte, parc à vélos, plain-pied, parking dans le bâtiment,
        # bus à 10 minutes, supermarché et vendeurs de sandwichs proches. Pas encore de domiciliation.
        "services": [
            "wifi",
            "copier",
            "video",
            "lockers",
            "kitchen",
            "meeting_rooms",
            "bike_parking",
            "step_free",
            "car_parking",
            "public_transport",
            "shops_nearby",
        ],
        "wifi_mbps": None,
        "resources": [
            {"kind": S.SEAT, "name": "Open space modulable", "capacity": 30, "surface_m2": 75},
            {"kind": S.MEETING_ROOM, "name": "Salle de réunion et de visioconférence", "capacity": 3},
            {"kind": S.OFFICE, "name": "Bureau privatisable", "capacity": 4},
        ],
    },
    {
        "key": "pomerol",
        "networks": [],
        "commune": ("33", "Pomerol"),
        "coords": (44.9306, -0.1989),
        "fields": {
            "name": "Tiers-lieu de Pomerol",
            "typology": Typology.COWORKING,
            "carrier_name": "Association loi 1901 (six indépendants)",
            "legal_form": LegalForm.ASSOCIATION,
            "address": "Centre du village",
            "postcode": "33500",
            # « De 9h30 à 17h30 (du lundi au vendredi ?) » : les jours sont une hypothèse.
            "opening_hours": "Mo-Fr 09:30-17:30",
            "access_mode": AccessMode.STAFFED,
            "description": (
                "Espace de coworking ouvert en octobre 2010 par une indépendante de la communication et cinq "
                "autres indépendants, au centre d'un village de 800 "
                "habitants, à 5 km de Libourne et 40 km de "
                "Bordeaux. 80 m² loués : deux open spaces de 4 bureaux, un salon, un coin repas. Adhésion "
                "annuelle 30 € ; temps plein 107 € par mois ; 4, 8 ou 12 "
                "jours par mois pour 40, 70 ou 90 € ; "
                "14 € la journée à la carte."
            ),
        },
        "services": ["wifi", "copier", "kitchen", "shops_nearby"],
        "wifi_mbps": None,
        "resources": [
            {"kind": S.SEAT, "name": "Open space 1", "capacity": 4},
            {"kind": S.SEAT, "name": "Open space 2", "capacity": 4},
        ],
    },
]
