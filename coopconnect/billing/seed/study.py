"""Every tariff of the 2012 study, one ``configure_*`` function per place (or network); idempotent.

Each function takes the place (or network) and creates its tariffs through the services, so the demo
cannot drift from the validation rules; tests use the same functions. Figures the study does not give
are marked HYPOTHESIS and documented in the docstrings.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coopconnect.billing.models import Tariff, TariffKind
from coopconnect.billing.models.tariffs import Audience, Unit
from coopconnect.billing.services.tariffs import tariff_create

D = Decimal
EXEMPT = {"vat_rate": D("0"), "vat_exempt": True}
VAT20 = {"vat_rate": D("20"), "vat_exempt": False}


def _ensure(owner: Any, code: str, **fields: Any) -> Tariff:
    key = {"place": owner} if owner.__class__.__name__ == "Place" else {"network": owner}
    existing = Tariff.objects.filter(code=code, **key).first()
    if existing is not None:
        return existing
    return tariff_create(code=code, **key, **fields)


def configure_murat(place: Any) -> list[Tariff]:
    """Murat (CC du Pays de Murat, VAT 20 %, study prices read as excl. VAT).

    10 € half-day, 20 € day, 80 € week, 100 € a month for 1 or 2 days a week (min. 1 month).
    The 2 years free for trained teleworkers is a FreePeriod granted per person (grant_murat_training).
    """
    return [
        _ensure(
            place,
            "murat-demi-journee",
            label="Demi-journée",
            kind=TariffKind.PER_USE,
            unit=Unit.HALF_DAY,
            price=D("10"),
            **VAT20,
        ),
        _ensure(
            place,
            "murat-journee",
            label="Journée",
            kind=TariffKind.PER_USE,
            unit=Unit.DAY,
            price=D("20"),
            **VAT20,
        ),
        _ensure(
            place,
            "murat-semaine",
            label="Forfait semaine",
            kind=TariffKind.PER_USE,
            unit=Unit.WEEK,
            price=D("80"),
            **VAT20,
        ),
        _ensure(
            place,
            "murat-mois-2j",
            label="Abonnement 1 ou 2 jours par semaine",
            kind=TariffKind.SUBSCRIPTION,
            days_per_week=2,
            price=D("100"),
            min_commitment_months=1,
            **VAT20,
        ),
    ]


def grant_murat_training(*, person: Any, place: Any, start: Any, granted_by: Any = None) -> Any:
    """Two years free for an independent teleworker trained by the Murat telework training centre."""
    from datetime import timedelta

    from coopconnect.billing.services.subscriptions import add_months, grant_free_period

    return grant_free_period(
        person=person,
        place=place,
        start=start,
        end=add_months(start, 24) - timedelta(days=1),
        reason="Télétravailleur indépendant formé au Centre de formation au télétravail du pays de Murat",
        granted_by=granted_by,
    )


def configure_pomerol(place: Any) -> list[Tariff]:
    """Pomerol (association, VAT not applicable): 30 € yearly membership for regulars; full time 107 €
    a month; 4, 8 or 12 days a month for 40, 70, 90 € (members); 14 € a day à la carte, membership
    included (open to all). The study's "par ½ journée" note on bundles is read as whole days."""
    return [
        _ensure(
            place,
            "pomerol-adhesion",
            label="Adhésion annuelle",
            kind=TariffKind.MEMBERSHIP,
            price=D("30"),
            **EXEMPT,
        ),
        _ensure(
            place,
            "pomerol-temps-plein",
            label="Formule temps plein",
            kind=TariffKind.SUBSCRIPTION,
            price=D("107"),
            audience=Audience.MEMBERS,
            min_commitment_months=1,
            **EXEMPT,
        ),
        *(
            _ensure(
                place,
                f"pomerol-{days}-jours",
                label=f"Formule {days} jours par mois",
                kind=TariffKind.BUNDLE,
                days_per_month=days,
                price=D(price),
                audience=Audience.MEMBERS,
                **EXEMPT,
            )
            for days, price in ((4, "40"), (8, "70"), (12, "90"))
        ),
        _ensure(
            place,
            "pomerol-journee",
            label="Journée à la carte (adhésion incluse)",
            kind=TariffKind.PER_USE,
            unit=Unit.DAY,
            price=D("14"),
            **EXEMPT,
        ),
    ]


def configure_boitron(place: Any) -> list[Tariff]:
    """Boitron (association, VAT not applicable): 15 € a year plus 50 € a month (every subscriber is
    yearly: 12-month commitment); the meeting room rented to companies 100 € a day."""
    return [
        _ensure(
            place,
            "boitron-cotisation",
            label="Cotisation annuelle",
            kind=TariffKind.MEMBERSHIP,
            price=D("15"),
            **EXEMPT,
        ),
        _ensure(
            place,
            "boitron-abonnement",
            label="Abonnement mensuel",
            kind=TariffKind.SUBSCRIPTION,
            price=D("50"),
            audience=Audience.MEMBERS,
            min_commitment_months=12,
            **EXEMPT,
        ),
        _ensure(
            place,
            "boitron-salle-entreprises",
            label="Salle louée aux entreprises (journée)",
            kind=TariffKind.PER_USE,
            unit=Unit.DAY,
            resource_kind="meeting_room",
            price=D("100"),
            audience=Audience.COMPANIES,
            **EXEMPT,
        ),
    ]


def configure_gers_network(network: Any) -> list[Tariff]:
    """Gers Soho-Solo network: free membership (independents working with ICT), offices and meeting
    rooms free for members, 1,000 printed pages a month included. HYPOTHESIS: 0.05 € excl. VAT a page
    beyond the quota (the study gives no figure). VAT 20 % (chamber-run network)."""
    return [
        _ensure(
            network,
            "soho-solo-adhesion",
            label="Adhésion au réseau Soho Solo",
            kind=TariffKind.MEMBERSHIP,
            price=D("0"),
            included_kinds=["office", "meeting_room"],
            **VAT20,
            allowances=[
                {
                    "service_code": "print",
                    "quantity": D("1000"),
                    "unit_label": "pages",
                    "overage_price": D("0.05"),
                }
            ],
        ),
    ]


def configure_auch(place: Any) -> list[Tariff]:
    """Auch centre of the Gers network: coworking 50 € a month (members only); offices for permanent
    users 15 € per m² per month."""
    return [
        _ensure(
            place,
            "auch-coworking",
            label="Coworking Auch (prix d'appel)",
            kind=TariffKind.SUBSCRIPTION,
            price=D("50"),
            audience=Audience.MEMBERS,
            min_commitment_months=1,
            **VAT20,
        ),
        _ensure(
            place,
            "auch-bureau-m2",
            label="Bureau (hôtel d'entreprises InnoParc)",
            kind=TariffKind.OFFICE_RENT,
            price=D("15"),
            min_commitment_months=1,
            **VAT20,
        ),
    ]


REICHSTETT_DAY = D("12")


def configure_reichstett(place: Any) -> list[Tariff]:
    """Reichstett: 12 € excl. VAT a day; monthly subscriptions of 1 to 5 days a week, one month minimum.

    HYPOTHESIS (the study keeps the detail confidential): a plan of N days a week costs 4 weeks × N ×
    12 € = 48 × N €; −5 % from 6 months of commitment, −10 % from 12; −5 % from 3 people of the same
    company, −10 % from 5. Prints 0.10 € a page and coffee 0.50 € a cup, charged to the employer.
    """
    discounts = [
        {"basis": "commitment", "threshold": 6, "percent": D("5")},
        {"basis": "commitment", "threshold": 12, "percent": D("10")},
        {"basis": "headcount", "threshold": 3, "percent": D("5")},
        {"basis": "headcount", "threshold": 5, "percent": D("10")},
    ]
    out = [
        _ensure(
            place,
            "reichstett-journee",
            label="Journée",
            kind=TariffKind.PER_USE,
            unit=Unit.DAY,
            price=REICHSTETT_DAY,
            **VAT20,
        ),
        _ensure(
            place,
            "reichstett-impression",
            label="Impressions",
            kind=TariffKind.SERVICE,
            service_code="print",
            price=D("0.10"),
            **VAT20,
        ),
        _ensure(
            place,
            "reichstett-cafe",
            label="Café",
            kind=TariffKind.SERVICE,
            service_code="coffee",
            price=D("0.50"),
            **VAT20,
        ),
    ]
    for n in range(1, 6):
        out.append(
            _ensure(
                place,
                f"reichstett-{n}-jours-semaine",
                label=f"Abonnement {n} jour(s) par semaine",
                kind=TariffKind.SUBSCRIPTION,
                days_per_week=n,
                price=REICHSTETT_DAY * 4 * n,
                min_commitment_months=1,
                **VAT20,
                discounts=discounts,
            )
        )
    return out


def configure_locomotive(place: Any) -> list[Tariff]:
    """La Locomotive, Gap (association, VAT not applicable): everything included, never more than 300 €
    a month, no commitment. HYPOTHESIS: 20 € a day and 12 € a half-day (the study gives only the cap)."""
    return [
        _ensure(
            place,
            "locomotive-demi-journee",
            label="Demi-journée",
            kind=TariffKind.PER_USE,
            unit=Unit.HALF_DAY,
            price=D("12"),
            **EXEMPT,
        ),
        _ensure(
            place,
            "locomotive-journee",
            label="Journée",
            kind=TariffKind.PER_USE,
            unit=Unit.DAY,
            price=D("20"),
            **EXEMPT,
        ),
        _ensure(
            place,
            "locomotive-plafond",
            label="Plafond tout compris",
            kind=TariffKind.CAP,
            price=D("300"),
            includes_everything=True,
            **EXEMPT,
        ),
    ]


def configure_baticom(place: Any) -> list[Tariff]:
    """Bâticom, Pertuis (company, VAT 20 %): the video room 49 € per 2 hours, plus 49 € per 2-hour
    video session (the study's "soit 100 € minimum" rounds 98 €)."""
    return [
        _ensure(
            place,
            "baticom-salle-visio",
            label="Location de la salle de visioconférence",
            kind=TariffKind.PER_USE,
            unit=Unit.HOUR_BLOCK,
            block_hours=2,
            resource_kind="video_point",
            price=D("49"),
            **VAT20,
        ),
        _ensure(
            place,
            "baticom-session-visio",
            label="Session de visioconférence",
            kind=TariffKind.PER_USE,
            unit=Unit.SESSION,
            block_hours=2,
            resource_kind="video_point",
            price=D("49"),
            **VAT20,
        ),
    ]


def configure_business_plan(place: Any) -> list[Tariff]:
    """The study's business-plan grid for an associative village place (VAT not applicable): yearly
    contracts 180 € full time, 150 € four days, 80 € two days, 50 € one day a week; 15 € an
    occasional day; 10 € a half-day."""
    out = [
        _ensure(
            place,
            "bp-demi-journee",
            label="Demi-journée occasionnelle",
            kind=TariffKind.PER_USE,
            unit=Unit.HALF_DAY,
            price=D("10"),
            **EXEMPT,
        ),
        _ensure(
            place,
            "bp-journee",
            label="Journée occasionnelle",
            kind=TariffKind.PER_USE,
            unit=Unit.DAY,
            price=D("15"),
            **EXEMPT,
        ),
        _ensure(
            place,
            "bp-temps-plein",
            label="Contrat annuel temps plein",
            kind=TariffKind.SUBSCRIPTION,
            price=D("180"),
            min_commitment_months=12,
            **EXEMPT,
        ),
    ]
    for n, price in ((4, "150"), (2, "80"), (1, "50")):
        out.append(
            _ensure(
                place,
                f"bp-{n}-jours",
                label=f"Contrat annuel {n} jour(s) par semaine",
                kind=TariffKind.SUBSCRIPTION,
                days_per_week=n,
                price=D(price),
                min_commitment_months=12,
                **EXEMPT,
            )
        )
    return out
