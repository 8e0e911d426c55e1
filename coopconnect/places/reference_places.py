"""The study's reference places (pre-study Coop-connect 2012), as seed_demo configures them.

Every figure comes from the study (capacities, hours, services, carriers); where the study is silent a
value is marked "(hypothèse)" in the comment next to it. Coordinates are those of the commune centre
(used only when the Commune table is empty; otherwise the commune's own point is taken), except where
``coords_exact`` says the point is the place's own (taken from the 2019 census row of the same place).
``census_duplicates`` lists the census rows describing the same place: seed_demo unpublishes them so the
directory shows the place once.
"""

from typing import Any

from coopconnect.places.models import AccessMode, LegalForm, ResourceKind, Typology

REFERENCE_SOURCE = "etude-2012"

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
    {
        "key": "gap",
        "networks": ["coop-connect-paca"],
        "commune": ("05", "Gap"),
        "coords": (44.559083, 6.080122),
        "coords_exact": True,
        "census_duplicates": ["563", "387"],
        "fields": {
            "name": "La Locomotive",
            "slug": "la-locomotive-gap",
            "typology": Typology.COWORKING,
            "carrier_name": "Association La Locomotive",
            "legal_form": LegalForm.ASSOCIATION,
            "address": "Hyper-centre de Gap",
            "postcode": "05000",
            # Horaires non communiqués par l'étude : laissés vides.
            "opening_hours": "",
            "access_mode": AccessMode.STAFFED,
            "description": (
                "Espace de coworking ouvert fin 2012 dans un appartement de 90 m² (une grande pièce et deux "
                "petites) de l'hyper-centre de Gap, sur le modèle du tiers-lieu de Pomerol. Lieu thématique "
                "« images / design », avec un projet de mini-événements réguliers et d'animation d'un réseau "
                "de développeurs et de l'open data. 300 € par mois au maximum, tout compris, sans engagement."
            ),
        },
        "services": ["wifi", "kitchen", "public_transport", "shops_nearby", "schools_nearby"],
        "wifi_mbps": None,
        # « Base de 3 personnes, une dizaine au total » : 6 places et deux petits bureaux (hypothèse).
        "resources": [
            {"kind": S.SEAT, "name": "Grande pièce", "capacity": 6},
            {"kind": S.OFFICE, "name": "Petit bureau 1", "capacity": 2},
            {"kind": S.OFFICE, "name": "Petit bureau 2", "capacity": 2},
        ],
    },
    {
        "key": "laragne",
        "networks": ["coop-connect-paca"],
        "commune": ("05", "Laragne-Montéglin"),
        "coords": (44.3167, 5.8211),
        "fields": {
            "name": "Relais de services publics de Laragne-Montéglin",
            "typology": Typology.PUBLIC_SERVICES,
            "carrier_name": "Communauté de communes de Laragne-Montéglin",
            "legal_form": LegalForm.INTERCOMMUNALITY,
            "address": "Cœur du village, à côté de l'église",
            "postcode": "05300",
            "opening_hours": "Mo-Fr 08:00-12:00,12:30-16:30; PH off",
            "access_mode": AccessMode.STAFFED,
            "description": (
                "Relais de services publics de la communauté de communes, dans un bâtiment récemment rénové "
                "au cœur du village. Hall d'accueil avec ordinateur "
                "connecté, trois bureaux de 1 à 3 personnes, "
                "une salle de réunion de 20 places équipée pour la "
                "visioconférence, une salle informatique de "
                "8 postes (2012), un point visio-rendez-vous, un coin cuisine et un copieur connecté. Ouvert "
                "en journée continue (ou presque) de 8 h à 12 h puis de 12 h 30 à 16 h 30 ; pas d'accès en "
                "dehors des heures d'ouverture. Formations au télétravail : 81 personnes formées en 18 mois."
            ),
        },
        "services": ["wifi", "copier", "video", "kitchen", "meeting_rooms", "step_free", "shops_nearby"],
        # « ADSL haut-débit (18 Mo non confirmé) ».
        "wifi_mbps": 18,
        "resources": [
            {"kind": S.OFFICE, "name": "Bureau 1", "capacity": 3},
            {"kind": S.OFFICE, "name": "Bureau 2", "capacity": 3},
            {"kind": S.OFFICE, "name": "Bureau 3", "capacity": 3},
            {"kind": S.MEETING_ROOM, "name": "Salle de réunion visio", "capacity": 20},
            {"kind": S.SEAT, "name": "Salle informatique", "capacity": 8},
            {"kind": S.VIDEO_POINT, "name": "Point visio-rendez-vous", "capacity": 1},
        ],
    },
    {
        "key": "pertuis",
        "networks": ["coop-connect-paca"],
        "commune": ("84", "Pertuis"),
        "coords": (43.6800, 5.5190),
        "fields": {
            "name": "Bâticom Pertuis",
            "typology": Typology.BUSINESS_CENTRE,
            "carrier_name": "Bâticom, centre d'activité (structure privée)",
            "legal_form": LegalForm.COMPANY,
            "address": "Zone industrielle de Pertuis",
            "postcode": "84120",
            # Horaires non donnés par l'étude : heures de bureau (hypothèse).
            "opening_hours": "Mo-Fr 08:30-12:30,13:30-18:00; PH off",
            "access_mode": AccessMode.STAFFED,
            "how_to_get_there": (
                "Transport urbain de la Communauté du Pays d'Aix (arrêt "
                "juste devant), parking, moins de 2 km "
                "de la gare TER de Pertuis."
            ),
            "description": (
                "Structure privée de la zone industrielle de Pertuis qui a "
                "ouvert en décembre 2012 un service de "
                "visioconférence et de travail collaboratif à distance : un réseau de salles de réunion "
                "connectées en visio classique (jusqu'à 15 sites) et en "
                "net meeting, avec un système central et "
                "des lignes ADSL dédiées. Location de la salle 49 € pour 2 heures plus 49 € la session de "
                "2 heures (100 € minimum)."
            ),
        },
        "services": ["wifi", "video", "meeting_rooms", "car_parking", "public_transport"],
        "wifi_mbps": None,
        # Capacité de la salle non donnée : 10 places (hypothèse).
        "resources": [
            {"kind": S.MEETING_ROOM, "name": "Salle de réunion connectée", "capacity": 10},
            {"kind": S.VIDEO_POINT, "name": "Point de visioconférence", "capacity": 1},
        ],
    },
]
