"""The study's reference places in Provence-Alpes-Côte d'Azur: Gap, Laragne-Montéglin, Pertuis."""

from typing import Any

from coopconnect.places.models import AccessMode, LegalForm, ResourceKind, Typology

S = ResourceKind

PLACES: list[dict[str, Any]] = [
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
