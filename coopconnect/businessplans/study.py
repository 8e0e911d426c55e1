"""The study's business-plan example (Coop-connect 2012) and the two cooperation scenarios it sketches.

"Exemple d'un village de 5 000 hab. dont 3 % de la population est concernée / intéressée, soit 15
personnes. Pour un taux de remplissage à 70 % en moyenne (sur la base des travailleurs réguliers en
contrat annuel). Cas d'une structure privée associative (1 an)."

The study gives each income line's amount but not the months billed; they are deduced from its
amounts: 1 × 180 € → 1 800 € is 10 months, 3 × 150 € → 3 600 € is 8 months, 3 × 50 € → 1 800 € and
4 × 80 € → 3 840 € are 12 months. Its local holds "5 à 8 personnes": with 8 seats open 5 days a week,
the regular members (1 × 5 + 3 × 4 + 3 × 1 + 4 × 2 = 28 seat-days of 40) fill it at exactly 70 %.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from coopconnect.businessplans.compute import ChargeLine, MemberLine, OccasionalLine, PlanInput

D = Decimal


def _study_charges() -> tuple[ChargeLine, ...]:
    return (
        ChargeLine("rent", str(_("Location d'un local 3 pièces, 60 m², capacité 5 à 8 personnes")), D(5000)),
        ChargeLine("insurance", str(_("Assurances")), D(500)),
        ChargeLine("energy", str(_("Énergie (dont chauffage)")), D(1000)),
        ChargeLine("water", str(_("Eau")), D(200)),
        ChargeLine("cleaning", str(_("Ménage hebdomadaire")), D(500)),
        ChargeLine(
            "telecom",
            str(_("Abonnement / consommation / maintenance internet haut débit + téléphone")),
            D(1000),
        ),
        ChargeLine("copier", str(_("Abonnement / consommation / maintenance copieur connecté")), D(1200)),
        ChargeLine(
            "depreciation",
            str(_("Amortissement aménagement / équipement (5 ans)")),
            D(1000),
            investment=D(5000),
            years=5,
        ),
        ChargeLine("consumables", str(_("Consommables")), D(600)),
        ChargeLine(
            "staff",
            str(_("Personnel (bénévoles : adhérents travailleurs réguliers connectés sur place)")),
            D(0),
        ),
        ChargeLine("communication", str(_("Communication (locale et internet)")), D(0)),
        ChargeLine("contingency", str(_("Imprévus")), D(890)),
    )


def _study_members() -> tuple[MemberLine, ...]:
    return (
        MemberLine(str(_("Adhérents travailleurs à temps complet (contrat annuel)")), 1, D(180), 10, D(5)),
        MemberLine(str(_("Adhérents travailleurs à 4/5 (contrat annuel)")), 3, D(150), 8, D(4)),
        MemberLine(str(_("Adhérents travailleurs 1 jour par semaine (contrat annuel)")), 3, D(50), 12, D(1)),
        MemberLine(str(_("Adhérents travailleurs 2 jours par semaine (contrat annuel)")), 4, D(80), 12, D(2)),
    )


def _study_occasional() -> tuple[OccasionalLine, ...]:
    return (
        OccasionalLine(str(_("Journées adhérents occasionnels (3 par mois sur 10 mois)")), 30, D(15), "day"),
        OccasionalLine(
            str(_("Demi-journées occasionnelles (4 par mois sur 10 mois)")), 40, D(10), "half_day"
        ),
    )


def _replace(charges: tuple[ChargeLine, ...], **changes: ChargeLine) -> tuple[ChargeLine, ...]:
    return tuple(changes.get(c.kind, c) for c in charges)


def study_scenarios() -> list[tuple[str, str, PlanInput]]:
    """Return (name, description, input) for the study's example and its two cooperation scenarios."""
    study = PlanInput(
        name=str(_("Structure associative privée (exemple de l'étude 2012)")),
        charges=_study_charges(),
        members=_study_members(),
        occasional=_study_occasional(),
        occupancy_rate=D(70),
        seats=8,
        open_days_per_week=D(5),
    )
    town_hall = PlanInput(
        name=str(_("La mairie prête les locaux cinq ans")),
        charges=_replace(
            _study_charges(),
            rent=ChargeLine("rent", str(_("Local prêté par la mairie")), D(0)),
            energy=ChargeLine("energy", str(_("Énergie prise en charge par la mairie")), D(0)),
            water=ChargeLine("water", str(_("Eau prise en charge par la mairie")), D(0)),
        ),
        members=_study_members(),
        occasional=_study_occasional(),
        occupancy_rate=D(70),
        seats=8,
        open_days_per_week=D(5),
    )
    epn = PlanInput(
        name=str(_("Un EPN existant réorganise sa salle")),
        charges=(
            ChargeLine("rent", str(_("Salle de l'EPN (locaux existants)")), D(0)),
            ChargeLine("insurance", str(_("Assurances (contrat de la structure)")), D(0)),
            ChargeLine("energy", str(_("Énergie (budget de la structure)")), D(0)),
            ChargeLine("water", str(_("Eau (budget de la structure)")), D(0)),
            ChargeLine("cleaning", str(_("Ménage (agent de la structure)")), D(0)),
            ChargeLine("telecom", str(_("Ligne internet dédiée + téléphone")), D(1000)),
            ChargeLine("copier", str(_("Copieur connecté avec code utilisateur")), D(1200)),
            ChargeLine(
                "depreciation", str(_("Complément d'équipement (5 ans)")), D(500), investment=D(2500), years=5
            ),
            ChargeLine("consumables", str(_("Consommables")), D(600)),
            ChargeLine("staff", str(_("Accueil par l'animateur de l'EPN")), D(0)),
            ChargeLine("communication", str(_("Communication (bulletin municipal, presse locale)")), D(300)),
            ChargeLine("contingency", str(_("Imprévus")), D(890)),
        ),
        members=_study_members(),
        occasional=_study_occasional(),
        occupancy_rate=D(70),
        seats=8,
        open_days_per_week=D(5),
    )
    return [
        (
            study.name,
            str(
                _(
                    "L'exemple chiffré de l'étude Coop-connect (2012) : un village de 5 000 habitants "
                    "dont 3 % "
                    "sont intéressés, soit 15 personnes ; remplissage de 70 %."
                )
            ),
            study,
        ),
        (
            town_hall.name,
            str(
                _(
                    "« Une mairie qui met des locaux à disposition pour 5 ans "
                    "(économise la moitié du budget) » : "
                    "loyer, énergie et eau à la charge de la mairie (6 200 € sur 11 890 €) ; l'association "
                    "investit dans l'équipement et offre l'accueil en contrepartie."
                )
            ),
            town_hall,
        ),
        (
            epn.name,
            str(
                _(
                    "« Un ERIC ou un CBE ayant des locaux réorganise et complète l'équipement de l'espace, "
                    "financé par les travailleurs adhérents » : hypothèses d'illustration, à adapter."
                )
            ),
            epn,
        ),
    ]


def study_plan() -> PlanInput:
    """Return the study's example exactly as printed."""
    return study_scenarios()[0][2]
