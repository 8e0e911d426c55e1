"""Seller and buyer identity as frozen on an issued invoice (``InvoiceDocument.seller``/``buyer``).

Read from the issuer, the invoice's buyer columns and the buyer's e-invoicing details at issue, then
stored as JSON: every later rendering (page, PDF, XML, UBL) reads these, never the live issuer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from typing import Any

from coopconnect.billing.models import BuyerDetails, Invoice, Issuer
from coopconnect.billing.models.documents import SIREN_SCHEME


def _known(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in data.items() if k in names}


@dataclass(frozen=True)
class Seller:
    name: str
    legal_form: str
    share_capital: str
    rcs: str
    siren: str
    siret: str
    vat_number: str
    vat_exempt: bool
    vat_on_debits: bool
    address: str
    postcode: str
    city: str
    email: str
    electronic_address: str
    iban: str
    bic: str
    payment_terms_days: int
    late_penalty_text: str
    on_behalf_of_places: bool
    country: str = "FR"
    electronic_scheme: str = SIREN_SCHEME

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Seller:
        return cls(**_known(cls, data))


@dataclass(frozen=True)
class Buyer:
    name: str
    address: str
    postcode: str
    city: str
    siren: str
    siret: str
    vat_number: str
    email: str
    is_business: bool
    electronic_address: str
    electronic_scheme: str
    is_public_buyer: bool = False
    service_code: str = ""
    commitment_number: str = ""
    delivery_address: str = ""
    delivery_postcode: str = ""
    delivery_city: str = ""
    country: str = "FR"

    @property
    def has_delivery_address(self) -> bool:
        return bool(self.delivery_address or self.delivery_city)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Buyer:
        return cls(**_known(cls, data))


def seller_of(issuer: Issuer) -> Seller:
    """The issuer's identity now, as it will be frozen on an invoice issued now."""
    capital = issuer.share_capital
    return Seller(
        name=issuer.name,
        legal_form=issuer.legal_form,
        share_capital="" if capital is None else f"{Decimal(capital):f}",
        rcs=issuer.rcs,
        siren=issuer.siren,
        siret=issuer.siret,
        vat_number=issuer.vat_number.replace(" ", "").upper(),
        vat_exempt=issuer.vat_exempt,
        vat_on_debits=issuer.vat_on_debits,
        address=issuer.address,
        postcode=issuer.postcode,
        city=issuer.city,
        email=issuer.email,
        electronic_address=issuer.electronic_address or issuer.siren,
        iban=issuer.iban.replace(" ", "").upper(),
        bic=issuer.bic.replace(" ", "").upper(),
        payment_terms_days=issuer.payment_terms_days,
        late_penalty_text=issuer.late_penalty_text,
        on_behalf_of_places=issuer.network_id is not None,
    )


def buyer_of(invoice: Invoice, details: BuyerDetails | None = None) -> Buyer:
    """The buyer as the invoice row names them, with the organisation's e-invoicing details now."""
    business = invoice.buyer_is_business and invoice.buyer_organisation_id is not None
    siren = invoice.buyer_siren or invoice.buyer_siret[:9]
    if business and siren:
        address, scheme = (details and details.electronic_address) or siren, SIREN_SCHEME
    else:
        address, scheme = invoice.buyer_email, "EM"
    public = bool(details and details.is_public_buyer)
    return Buyer(
        name=invoice.buyer_name,
        address=invoice.buyer_address,
        postcode=invoice.buyer_postcode,
        city=invoice.buyer_city,
        siren=siren if business else "",
        siret=invoice.buyer_siret if business else "",
        vat_number=invoice.buyer_vat_number.replace(" ", "").upper(),
        email=invoice.buyer_email,
        is_business=business,
        electronic_address=address,
        electronic_scheme=scheme,
        is_public_buyer=public,
        service_code=details.service_code if details and public else "",
        commitment_number=details.commitment_number if details and public else "",
        delivery_address=details.delivery_address if details else "",
        delivery_postcode=details.delivery_postcode if details else "",
        delivery_city=details.delivery_city if details else "",
    )
