"""CAMT.053 (ISO 20022 BankToCustomerStatement), any version: elements are read by local name."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from lxml import etree

from coopconnect.core.errors import DomainError
from coopconnect.payments.statements.lines import ParsedLine, ParsedStatement, end_to_end_in, return_reason_in


def _wrong_message() -> str:
    return _("Ce fichier n'est pas un relevé CAMT.053 lisible : rien n'a été importé.")


def _first(node: etree._Element, path: str) -> str:
    """Return the text of the first element at ``path`` (local names separated by "/"), or ""."""
    xpath = "./" + "/".join(f"*[local-name()='{p}']" for p in path.split("/"))
    found = node.xpath(xpath)
    return (found[0].text or "").strip() if found else ""


def _all(node: etree._Element, path: str) -> list[etree._Element]:
    return node.xpath("./" + "/".join(f"*[local-name()='{p}']" for p in path.split("/")))


def _wrong(detail: str) -> DomainError:
    return DomainError(_wrong_message(), {"file": [detail]})


def _amount(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise _wrong(_("Montant illisible : « %(v)s ».") % {"v": text[:20]}) from None
    if value <= 0 or value != value.quantize(Decimal("0.01")):
        raise _wrong(_("Montant invalide : « %(v)s ».") % {"v": text[:20]})
    return value


def _date(entry: etree._Element) -> date:
    text = _first(entry, "BookgDt/Dt") or _first(entry, "BookgDt/DtTm")[:10] or _first(entry, "ValDt/Dt")
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise _wrong(_("Date d'opération illisible.")) from None


def _line(entry: etree._Element, tx: etree._Element | None, booked_on: date, is_credit: bool) -> ParsedLine:
    node = tx if tx is not None else entry
    amount_text = (
        _first(node, "Amt") or _first(node, "AmtDtls/TxAmt/Amt") or _first(node, "AmtDtls/InstdAmt/Amt")
    )
    if tx is not None and not amount_text:
        amount_text = _first(entry, "Amt")
    party = "Dbtr" if is_credit else "Cdtr"
    counterparty = _first(node, f"RltdPties/{party}/Nm") or _first(node, f"RltdPties/{party}/Pty/Nm")
    iban = _first(node, f"RltdPties/{party}Acct/Id/IBAN")
    unstructured = " ".join(
        (u.text or "").strip() for u in _all(node, "RmtInf/Ustrd") if (u.text or "").strip()
    )
    structured = _first(node, "RmtInf/Strd/CdtrRefInf/Ref")
    info = _first(entry, "AddtlNtryInf")
    remittance = " ".join(p for p in (unstructured, info) if p)
    end_to_end = _first(node, "Refs/EndToEndId")
    if end_to_end == "NOTPROVIDED":
        end_to_end = ""
    reason = _first(node, "RtrInf/Rsn/Cd") or ("" if is_credit else return_reason_in(remittance))
    return ParsedLine(
        booked_on=booked_on,
        amount=_amount(amount_text),
        is_credit=is_credit,
        bank_reference=_first(node, "Refs/AcctSvcrRef")
        or _first(entry, "AcctSvcrRef")
        or _first(entry, "NtryRef"),
        end_to_end_id=end_to_end or ("" if is_credit else end_to_end_in(remittance)),
        counterparty=counterparty[:140],
        counterparty_iban=iban.replace(" ", "").upper()[:34],
        remittance=remittance[:500],
        structured_reference=structured.replace(" ", "").upper()[:35],
        return_reason=reason[:8],
    )


def parse(content: bytes) -> ParsedStatement:
    """Read every entry (and each transaction of a batched entry) of a CAMT.053 file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(content, parser=parser)
    except etree.XMLSyntaxError:
        raise _wrong(_("Le fichier n'est pas du XML valide.")) from None
    namespace = etree.QName(root).namespace or ""
    statements = root.xpath("//*[local-name()='BkToCstmrStmt']/*[local-name()='Stmt']")
    if "camt.053" not in namespace or not statements:
        raise _wrong(_("Le document n'est pas un relevé de compte ISO 20022 camt.053."))
    parsed = ParsedStatement(
        reference=_first(statements[0], "Id")[:100],
        account_iban=_first(statements[0], "Acct/Id/IBAN").replace(" ", "").upper(),
    )
    for stmt in statements:
        for entry in _all(stmt, "Ntry"):
            indicator = _first(entry, "CdtDbtInd")
            if indicator not in ("CRDT", "DBIT"):
                raise _wrong(_("Sens d'opération inconnu (CRDT ou DBIT attendu)."))
            if _first(entry, "Sts") in ("PDNG", "INFO") or _first(entry, "Sts/Cd") in ("PDNG", "INFO"):
                continue  # not booked yet: the next statement books it
            booked_on = _date(entry)
            details = _all(entry, "NtryDtls/TxDtls")
            for tx in details or [None]:
                parsed.lines.append(_line(entry, tx, booked_on, indicator == "CRDT"))
    return parsed
