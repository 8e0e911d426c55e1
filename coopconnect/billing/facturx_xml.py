"""Factur-X (EN 16931 profile) Cross Industry Invoice XML for an issued invoice or credit note."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from lxml import etree

from coopconnect.billing.models import Invoice, InvoiceKind
from coopconnect.billing.models.tariffs import VAT_EXEMPT_MENTION

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


def _amount(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def _date(parent: etree._Element, tag: str, day: date) -> None:
    holder = _sub(parent, tag)
    _sub(holder, "udt:DateTimeString", day.strftime("%Y%m%d"), format="102")


def _category(rate: Decimal, exempt: bool) -> str:
    if exempt:
        return "E"
    return "S" if Decimal(rate) > 0 else "Z"


def _party(
    parent: etree._Element,
    tag: str,
    *,
    name: str,
    siren: str,
    address: str,
    postcode: str,
    city: str,
    vat: str,
    email: str = "",
) -> None:
    party = _sub(parent, tag)
    _sub(party, "ram:Name", name or "—")
    if siren:
        legal = _sub(party, "ram:SpecifiedLegalOrganization")
        _sub(legal, "ram:ID", siren, schemeID="0002")
    addr = _sub(party, "ram:PostalTradeAddress")
    if postcode:
        _sub(addr, "ram:PostcodeCode", postcode)
    if address:
        _sub(addr, "ram:LineOne", address)
    if city:
        _sub(addr, "ram:CityName", city)
    _sub(addr, "ram:CountryID", "FR")
    if email:
        uri = _sub(party, "ram:URIUniversalCommunication")
        _sub(uri, "ram:URIID", email, schemeID="EM")
    if vat:
        reg = _sub(party, "ram:SpecifiedTaxRegistration")
        _sub(reg, "ram:ID", vat, schemeID="VA")


def build_cii_xml(invoice: Invoice) -> bytes:
    """Return the EN 16931 CII XML of an issued invoice (credit notes: type 381, positive amounts)."""
    issuer = invoice.issuer
    root = etree.Element(_q("rsm:CrossIndustryInvoice"), nsmap=NS)
    ctx = _sub(root, "rsm:ExchangedDocumentContext")
    _sub(_sub(ctx, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", EN16931)
    doc = _sub(root, "rsm:ExchangedDocument")
    _sub(doc, "ram:ID", invoice.number)
    _sub(doc, "ram:TypeCode", "381" if invoice.kind == InvoiceKind.CREDIT_NOTE else "380")
    _date(doc, "ram:IssueDateTime", invoice.issue_date)
    notes = [(issuer.late_penalty_text, "PMD")]
    if invoice.buyer_is_business:
        notes.append(("Indemnité forfaitaire pour frais de recouvrement : 40 €.", "PMT"))
    if invoice.mentions_293b:
        notes.append((VAT_EXEMPT_MENTION, "REG"))
    for text, code in notes:
        note = _sub(doc, "ram:IncludedNote")
        _sub(note, "ram:Content", text)
        _sub(note, "ram:SubjectCode", code)

    tx = _sub(root, "rsm:SupplyChainTradeTransaction")
    for line in invoice.lines.all():
        item = _sub(tx, "ram:IncludedSupplyChainTradeLineItem")
        _sub(_sub(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(line.position))
        _sub(_sub(item, "ram:SpecifiedTradeProduct"), "ram:Name", line.label)
        # A negative line (discount, cap) is a negative quantity at a positive price (BR-27).
        negative = line.amount_ht < 0
        price = abs(line.unit_price) if line.quantity else abs(line.amount_ht)
        qty = line.quantity if line.quantity else Decimal("1")
        if negative and qty > 0:
            qty = -qty
        agreement = _sub(item, "ram:SpecifiedLineTradeAgreement")
        _sub(_sub(agreement, "ram:NetPriceProductTradePrice"), "ram:ChargeAmount", f"{Decimal(price):f}")
        _sub(
            _sub(item, "ram:SpecifiedLineTradeDelivery"),
            "ram:BilledQuantity",
            f"{Decimal(qty):f}",
            unitCode="C62",
        )
        settlement = _sub(item, "ram:SpecifiedLineTradeSettlement")
        tax = _sub(settlement, "ram:ApplicableTradeTax")
        _sub(tax, "ram:TypeCode", "VAT")
        _sub(tax, "ram:CategoryCode", _category(line.vat_rate, line.vat_exempt))
        _sub(tax, "ram:RateApplicablePercent", _amount(line.vat_rate))
        summ = _sub(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
        _sub(summ, "ram:LineTotalAmount", _amount(line.amount_ht))

    agreement = _sub(tx, "ram:ApplicableHeaderTradeAgreement")
    _party(
        agreement,
        "ram:SellerTradeParty",
        name=issuer.name,
        siren=issuer.siren,
        address=issuer.address,
        postcode=issuer.postcode,
        city=issuer.city,
        vat=issuer.vat_number,
        email=issuer.email,
    )
    _party(
        agreement,
        "ram:BuyerTradeParty",
        name=invoice.buyer_name,
        siren=invoice.buyer_siren,
        address=invoice.buyer_address,
        postcode=invoice.buyer_postcode,
        city=invoice.buyer_city,
        vat=invoice.buyer_vat_number,
        email=invoice.buyer_email,
    )
    delivery = _sub(tx, "ram:ApplicableHeaderTradeDelivery")
    _date(_sub(delivery, "ram:ActualDeliverySupplyChainEvent"), "ram:OccurrenceDateTime", invoice.period_end)

    settle = _sub(tx, "ram:ApplicableHeaderTradeSettlement")
    _sub(settle, "ram:PaymentReference", invoice.number)
    _sub(settle, "ram:InvoiceCurrencyCode", "EUR")
    if issuer.iban:
        means = _sub(settle, "ram:SpecifiedTradeSettlementPaymentMeans")
        _sub(means, "ram:TypeCode", "58")
        _sub(
            _sub(means, "ram:PayeePartyCreditorFinancialAccount"), "ram:IBANID", issuer.iban.replace(" ", "")
        )
    for row in invoice.vat_breakdown:
        tax = _sub(settle, "ram:ApplicableTradeTax")
        _sub(tax, "ram:CalculatedAmount", _amount(Decimal(row["vat"])))
        _sub(tax, "ram:TypeCode", "VAT")
        if row["exempt"]:
            _sub(tax, "ram:ExemptionReason", VAT_EXEMPT_MENTION)
        _sub(tax, "ram:BasisAmount", _amount(Decimal(row["base"])))
        _sub(tax, "ram:CategoryCode", _category(Decimal(row["rate"]), row["exempt"]))
        if row["exempt"]:
            _sub(tax, "ram:ExemptionReasonCode", "VATEX-FR-FRANCHISE")
        _sub(tax, "ram:RateApplicablePercent", _amount(Decimal(row["rate"])))
    period = _sub(settle, "ram:BillingSpecifiedPeriod")
    _date(period, "ram:StartDateTime", invoice.period_start)
    _date(period, "ram:EndDateTime", invoice.period_end)
    terms = _sub(settle, "ram:SpecifiedTradePaymentTerms")
    _sub(terms, "ram:Description", f"Paiement à {issuer.payment_terms_days} jours")
    _date(terms, "ram:DueDateDateTime", invoice.due_date)
    summ = _sub(settle, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _sub(summ, "ram:LineTotalAmount", _amount(invoice.total_ht))
    _sub(summ, "ram:TaxBasisTotalAmount", _amount(invoice.total_ht))
    _sub(summ, "ram:TaxTotalAmount", _amount(invoice.total_vat), currencyID="EUR")
    _sub(summ, "ram:GrandTotalAmount", _amount(invoice.total_ttc))
    _sub(summ, "ram:DuePayableAmount", _amount(invoice.total_ttc))
    if invoice.credited_invoice_id:
        ref = _sub(settle, "ram:InvoiceReferencedDocument")
        _sub(ref, "ram:IssuerAssignedID", invoice.credited_invoice.number)
        when = _sub(ref, "ram:FormattedIssueDateTime")
        _sub(when, "qdt:DateTimeString", invoice.credited_invoice.issue_date.strftime("%Y%m%d"), format="102")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
