"""Factur-X (EN 16931 profile) Cross Industry Invoice XML for an issued invoice or credit note.

Built from the identities frozen at issue (``einvoicing.parties``), never from the live issuer, and
checked by the EN 16931 and French CTC (BR-FR) schematrons in the tests (``einvoicing.validation``).
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from coopconnect.billing.einvoicing import tax
from coopconnect.billing.einvoicing.parties import Buyer, Seller
from coopconnect.billing.models import Invoice, InvoiceLine
from coopconnect.billing.models.tariffs import VAT_EXEMPT_MENTION
from coopconnect.billing.references import rf_reference

NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}
EN16931 = "urn:cen.eu:en16931:2017"


def _q(tag: str) -> str:
    prefix, name = tag.split(":")
    return f"{{{NS[prefix]}}}{name}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, _q(tag), **attrs)
    if text is not None:
        el.text = text
    return el


def _date(parent: etree._Element, tag: str, day: date) -> None:
    holder = _sub(parent, tag)
    _sub(holder, "udt:DateTimeString", day.strftime("%Y%m%d"), format="102")


def _address(party: etree._Element, address: str, postcode: str, city: str, country: str) -> None:
    addr = _sub(party, "ram:PostalTradeAddress")
    if postcode:
        _sub(addr, "ram:PostcodeCode", postcode)
    if address:
        _sub(addr, "ram:LineOne", address)
    if city:
        _sub(addr, "ram:CityName", city)
    _sub(addr, "ram:CountryID", country or "FR")


def _seller(agreement: etree._Element, s: Seller) -> None:
    party = _sub(agreement, "ram:SellerTradeParty")
    if s.siret:
        _sub(party, "ram:GlobalID", s.siret, schemeID="0009")
    _sub(party, "ram:Name", s.name or "—")
    legal_info = tax.legal_mentions(s)
    if legal_info:
        _sub(party, "ram:Description", legal_info)  # BT-33
    _sub(_sub(party, "ram:SpecifiedLegalOrganization"), "ram:ID", s.siren, schemeID="0002")
    _address(party, s.address, s.postcode, s.city, s.country)
    _sub(_sub(party, "ram:URIUniversalCommunication"), "ram:URIID", s.electronic_address, schemeID="0225")
    if s.vat_number:
        _sub(_sub(party, "ram:SpecifiedTaxRegistration"), "ram:ID", s.vat_number, schemeID="VA")
    else:  # BT-32, the seller's tax registration when it has no VAT number (art. 293 B)
        _sub(_sub(party, "ram:SpecifiedTaxRegistration"), "ram:ID", s.siren, schemeID="FC")


def _buyer(agreement: etree._Element, b: Buyer) -> None:
    party = _sub(agreement, "ram:BuyerTradeParty")
    if b.is_public_buyer and b.siret:
        _sub(party, "ram:GlobalID", b.siret, schemeID="0009")
    _sub(party, "ram:Name", b.name or "—")
    if b.siren:
        _sub(_sub(party, "ram:SpecifiedLegalOrganization"), "ram:ID", b.siren, schemeID="0002")
    _address(party, b.address, b.postcode, b.city, b.country)
    if b.electronic_address:
        uri = _sub(party, "ram:URIUniversalCommunication")
        _sub(uri, "ram:URIID", b.electronic_address, schemeID=b.electronic_scheme)
    if b.vat_number:
        _sub(_sub(party, "ram:SpecifiedTaxRegistration"), "ram:ID", b.vat_number, schemeID="VA")


def _line(tx: etree._Element, invoice: Invoice, seller: Seller, line: InvoiceLine) -> None:
    item = _sub(tx, "ram:IncludedSupplyChainTradeLineItem")
    _sub(_sub(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(line.position))
    _sub(_sub(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.label)
    qty, price = tax.line_quantity_price(line)
    agreement = _sub(item, "ram:SpecifiedLineTradeAgreement")
    _sub(_sub(agreement, "ram:NetPriceProductTradePrice"), "ram:ChargeAmount", f"{price:f}")
    _sub(_sub(item, "ram:SpecifiedLineTradeDelivery"), "ram:BilledQuantity", f"{qty:f}", unitCode="C62")
    settlement = _sub(item, "ram:SpecifiedLineTradeSettlement")
    category, rate = tax.line_category(invoice, seller, line)
    trade_tax = _sub(settlement, "ram:ApplicableTradeTax")
    _sub(trade_tax, "ram:TypeCode", "VAT")
    _sub(trade_tax, "ram:CategoryCode", category)
    _sub(trade_tax, "ram:RateApplicablePercent", tax.amount(rate))
    summ = _sub(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _sub(summ, "ram:LineTotalAmount", tax.amount(line.amount_ht))


def build_cii_xml(
    invoice: Invoice, seller: Seller, buyer: Buyer, lines: list[InvoiceLine] | None = None
) -> bytes:
    """Return the EN 16931 CII XML of an issued invoice (credit notes: type 381, positive amounts)."""
    lines = list(invoice.lines.all()) if lines is None else lines
    root = etree.Element(_q("rsm:CrossIndustryInvoice"), nsmap=NS)
    ctx = _sub(root, "rsm:ExchangedDocumentContext")
    _sub(_sub(ctx, "ram:BusinessProcessSpecifiedDocumentContextParameter"), "ram:ID", tax.BUSINESS_PROCESS)
    _sub(_sub(ctx, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", EN16931)
    doc = _sub(root, "rsm:ExchangedDocument")
    _sub(doc, "ram:ID", invoice.number)
    _sub(doc, "ram:TypeCode", tax.type_code(invoice))
    _date(doc, "ram:IssueDateTime", invoice.issue_date)
    for text, code in tax.notes(invoice, seller, buyer):
        note = _sub(doc, "ram:IncludedNote")
        _sub(note, "ram:Content", text)
        _sub(note, "ram:SubjectCode", code)

    tx = _sub(root, "rsm:SupplyChainTradeTransaction")
    for line in lines:
        _line(tx, invoice, seller, line)

    agreement = _sub(tx, "ram:ApplicableHeaderTradeAgreement")
    if buyer.service_code:
        _sub(agreement, "ram:BuyerReference", buyer.service_code)  # BT-10: Chorus Pro service code
    _seller(agreement, seller)
    _buyer(agreement, buyer)
    if buyer.commitment_number:  # BT-13: Chorus Pro commitment number (engagement juridique)
        _sub(
            _sub(agreement, "ram:BuyerOrderReferencedDocument"),
            "ram:IssuerAssignedID",
            buyer.commitment_number,
        )

    delivery = _sub(tx, "ram:ApplicableHeaderTradeDelivery")
    if buyer.has_delivery_address:
        ship_to = _sub(delivery, "ram:ShipToTradeParty")
        _sub(ship_to, "ram:Name", buyer.name or "—")
        _address(ship_to, buyer.delivery_address, buyer.delivery_postcode, buyer.delivery_city, buyer.country)
    _date(_sub(delivery, "ram:ActualDeliverySupplyChainEvent"), "ram:OccurrenceDateTime", invoice.period_end)

    settle = _sub(tx, "ram:ApplicableHeaderTradeSettlement")
    _sub(settle, "ram:PaymentReference", rf_reference(invoice.number))
    _sub(settle, "ram:InvoiceCurrencyCode", "EUR")
    if seller.iban:
        means = _sub(settle, "ram:SpecifiedTradeSettlementPaymentMeans")
        _sub(means, "ram:TypeCode", "58")
        _sub(_sub(means, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", seller.iban)
        if seller.bic:
            _sub(_sub(means, "ram:PayeeSpecifiedCreditorFinancialInstitution"), "ram:BICID", seller.bic)
    for row in tax.tax_rows(invoice, seller):
        trade_tax = _sub(settle, "ram:ApplicableTradeTax")
        _sub(trade_tax, "ram:CalculatedAmount", tax.amount(row.vat))
        _sub(trade_tax, "ram:TypeCode", "VAT")
        if row.exempt:
            _sub(trade_tax, "ram:ExemptionReason", VAT_EXEMPT_MENTION)
        _sub(trade_tax, "ram:BasisAmount", tax.amount(row.base))
        _sub(trade_tax, "ram:CategoryCode", row.category)
        if row.exempt:
            _sub(trade_tax, "ram:ExemptionReasonCode", tax.EXEMPTION_CODE)
        if row.category == "S":  # BT-8: VAT due at issue (option on debits) or when paid (services)
            _sub(trade_tax, "ram:DueDateTypeCode", "5" if seller.vat_on_debits else "72")
        _sub(trade_tax, "ram:RateApplicablePercent", tax.amount(row.rate))
    period = _sub(settle, "ram:BillingSpecifiedPeriod")
    _date(period, "ram:StartDateTime", invoice.period_start)
    _date(period, "ram:EndDateTime", invoice.period_end)
    terms = _sub(settle, "ram:SpecifiedTradePaymentTerms")
    _sub(terms, "ram:Description", f"Paiement à {seller.payment_terms_days} jours, sans escompte.")
    _date(terms, "ram:DueDateDateTime", invoice.due_date)
    summ = _sub(settle, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _sub(summ, "ram:LineTotalAmount", tax.amount(invoice.total_ht))
    _sub(summ, "ram:TaxBasisTotalAmount", tax.amount(invoice.total_ht))
    _sub(summ, "ram:TaxTotalAmount", tax.amount(invoice.total_vat), currencyID="EUR")
    _sub(summ, "ram:GrandTotalAmount", tax.amount(invoice.total_ttc))
    _sub(summ, "ram:DuePayableAmount", tax.amount(invoice.total_ttc))
    if invoice.credited_invoice_id:
        credited = invoice.credited_invoice
        ref = _sub(settle, "ram:InvoiceReferencedDocument")
        _sub(ref, "ram:IssuerAssignedID", credited.number)
        when = _sub(ref, "ram:FormattedIssueDateTime")
        _sub(when, "qdt:DateTimeString", credited.issue_date.strftime("%Y%m%d"), format="102")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
