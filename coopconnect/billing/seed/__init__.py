"""Demo billing data: every tariff of the 2012 study on the reference places, and demo issuers.

The tariffs themselves are in :mod:`coopconnect.billing.seed.study`; this module finds the places,
configures them and registers the ``seed_demo`` step.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q

from coopconnect.billing.seed.study import (
    configure_auch,
    configure_baticom,
    configure_boitron,
    configure_business_plan,
    configure_gers_network,
    configure_locomotive,
    configure_murat,
    configure_pomerol,
    configure_reichstett,
    grant_murat_training,
)

__all__ = [
    "configure_auch",
    "configure_baticom",
    "configure_boitron",
    "configure_business_plan",
    "configure_gers_network",
    "configure_locomotive",
    "configure_murat",
    "configure_pomerol",
    "configure_reichstett",
    "grant_murat_training",
    "seed_billing",
]

# Where each configuration goes in the demo data: the reference place's key (places.seed, source
# "etude-2012"), or a network's slug; then candidate slugs and a name fragment as fallbacks.
TARGETS: list[tuple[str, str, tuple[str, ...], str, Any]] = [
    ("place", "murat", ("murat",), "Murat", configure_murat),
    ("place", "pomerol", ("pomerol",), "Pomerol", configure_pomerol),
    ("place", "boitron", ("boitron",), "Boitron", configure_boitron),
    ("network", "reseau-soho-solo-gers", ("soho-solo",), "Soho", configure_gers_network),
    ("place", "auch", ("auch",), "Auch", configure_auch),
    ("place", "reichstett", ("reichstett",), "Reichstett", configure_reichstett),
    ("place", "gap", ("la-locomotive-gap", "la-locomotive"), "Locomotive", configure_locomotive),
    ("place", "pertuis", ("baticom-pertuis",), "Bâticom", configure_baticom),
    ("place", "laragne", ("laragne",), "Laragne", configure_business_plan),
]
REFERENCE_SOURCE = "etude-2012"


def _find(model: Any, key: str, slugs: tuple[str, ...], fragment: str) -> Any:
    if model.__name__ == "Place":
        found = model.objects.filter(source=REFERENCE_SOURCE, source_id=key).first()
    else:
        found = model.objects.filter(slug=key).first()
    if found is None:
        found = model.objects.filter(slug__in=slugs).first()
    if found is None:
        found = (
            model.objects.filter(Q(name__icontains=fragment) | Q(slug__icontains=fragment.lower()))
            .order_by("pk")
            .first()
        )
    return found


DEMO_IBAN = "FR7630006000011234567890189"  # a well-formed example IBAN, not a real account
DEMO_SIREN = "000000000"  # valid in form (Luhn), obviously no real company
DEMO_VAT_NUMBER = "FR12000000000"  # the French VAT number of DEMO_SIREN (key 12)


def _demo_issuer(owner: Any, exempt: bool) -> None:
    """Give a demo place (or network) an issuer so the monthly run can invoice it; marked as demo data."""
    from coopconnect.billing.models import Issuer

    key = {"place": owner} if owner.__class__.__name__ == "Place" else {"network": owner}
    existing = Issuer.objects.filter(**key).first()
    if existing is not None:
        if existing.number_prefix == "DEMO" and not existing.vat_exempt and not existing.vat_number:
            existing.vat_number = DEMO_VAT_NUMBER  # issuers charging VAT need one before issuing
            existing.save(update_fields=["vat_number"])
        return
    name = getattr(owner, "carrier_name", "") or owner.name
    Issuer.objects.create(
        **key,
        name=f"{name} (démo)",
        legal_form="Association loi 1901" if exempt else "",
        siren=DEMO_SIREN,
        vat_number="" if exempt else "FR12000000000",
        vat_exempt=exempt,
        address=getattr(owner, "address", "") or "Adresse à compléter",
        postcode=getattr(owner, "postcode", "") or "00000",
        city=str(getattr(owner, "commune", "") or "—"),
        iban=DEMO_IBAN,
        number_prefix="DEMO",
    )


@transaction.atomic
def seed_billing(*, with_issuers: bool = True) -> dict[str, int]:
    """Configure every study tariff on the demo places found; return the number of tariffs per place."""
    from coopconnect.places.models import Network, Place

    report: dict[str, int] = {}
    for kind, key, slugs, fragment, configure in TARGETS:
        owner = _find(Network if kind == "network" else Place, key, slugs, fragment)
        if owner is None:
            report[f"(absent) {fragment}"] = 0
            continue
        tariffs = configure(owner)
        report[str(owner)] = len(tariffs)
        if with_issuers and not (kind == "place" and owner.networks.filter(issuer__isnull=False).exists()):
            _demo_issuer(owner, exempt=all(t.vat_exempt for t in tariffs))
    return report


def _register_demo_step() -> None:
    from coopconnect.core.seed import SeedContext, register

    @register("billing", order=70)
    def seed_billing_step(ctx: SeedContext) -> dict[str, int]:
        """Configure the study's tariffs (and demo issuers) on the reference places."""
        report = seed_billing()
        ctx.say("  tarifs : " + ", ".join(f"{owner} {n}" for owner, n in report.items()))
        return report

    @register("billing_invoices", order=85)
    def seed_invoices_step(ctx: SeedContext) -> dict[str, int]:
        """Invoice last month's demo days; record a transfer, a cheque and a credit note; settle."""
        from coopconnect.billing.seed.invoices import seed_invoices

        report = seed_invoices()
        ctx.say(
            f"  factures du mois dernier : {report['invoices']} (dont {report['issued_now']} à l'instant), "
            f"{report['paid']} payée(s), {report['credit_notes']} avoir(s), "
            f"{report['settlements']} relevé(s) de reversement"
        )
        return report


_register_demo_step()
