"""Who an invoice is addressed to, copied onto it when issued (later changes leave it as it was)."""

from __future__ import annotations

from typing import Any

from coopconnect.billing.models import BillingProfile

BUYER_FIELDS = (
    "buyer_person",
    "buyer_organisation",
    "buyer_name",
    "buyer_address",
    "buyer_postcode",
    "buyer_city",
    "buyer_siren",
    "buyer_siret",
    "buyer_vat_number",
    "buyer_email",
    "buyer_is_business",
)


def buyer_snapshot(
    *, person: Any = None, organisation: Any = None, profile: Any = None, known: bool = False
) -> dict[str, Any]:
    """Return the buyer fields of an invoice for an organisation, or for a person (``known``: the
    person's billing profile, possibly None, is passed as ``profile`` instead of being loaded)."""
    if organisation is not None:
        o = organisation
        return {
            "buyer_organisation": o,
            "buyer_name": o.name,
            "buyer_address": o.address,
            "buyer_postcode": o.postcode,
            "buyer_city": o.city,
            "buyer_siren": o.siren or o.siret[:9],
            "buyer_siret": o.siret,
            "buyer_vat_number": o.vat_number,
            "buyer_email": o.billing_email,
            "buyer_is_business": o.is_business,
        }
    if not known:
        profile = BillingProfile.objects.filter(person=person).first()
    return {
        "buyer_person": person,
        "buyer_name": (profile and profile.billing_name) or str(person),
        "buyer_address": profile.address if profile else "",
        "buyer_postcode": profile.postcode if profile else "",
        "buyer_city": profile.city if profile else "",
        "buyer_email": person.email,
        "buyer_is_business": False,
    }
