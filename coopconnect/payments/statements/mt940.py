"""MT940 (SWIFT customer statement) read with PyPI ``mt-940``; field 86 holds the remittance text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import mt940 as mt940_lib
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.payments.statements.lines import ParsedLine, ParsedStatement, end_to_end_in, return_reason_in


def _wrong_message() -> str:
    return _("Ce fichier n'est pas un relevé MT940 lisible : rien n'a été importé.")


def parse(content: bytes) -> ParsedStatement:
    """Read every :61: movement with its :86: details."""
    text = content.decode("utf-8", errors="replace").replace("\r\n", "\n")
    if ":20:" not in text or ":61:" not in text and ":60F:" not in text:
        raise DomainError(_wrong_message(), {"file": [_("Les champs :20: et :61: d'un MT940 sont absents.")]})
    try:
        transactions = mt940_lib.parse(text)
    except Exception:  # noqa: BLE001 - the library raises anything on a malformed file
        raise DomainError(_wrong_message(), {"file": [_("Structure MT940 invalide.")]}) from None
    account = str(transactions.data.get("account_identification", "")).replace(" ", "").upper()
    parsed = ParsedStatement(
        reference=str(transactions.data.get("transaction_reference", ""))[:100], account_iban=account
    )
    for tx in transactions:
        data = tx.data
        amount = Decimal(data["amount"].amount)
        status = str(data.get("status", ""))
        is_credit = status in ("C", "RD")  # RD: reversal of a debit, money back in
        details = " ".join(str(data.get("transaction_details", "") or "").split())
        customer_ref = str(data.get("customer_reference", "") or "")
        customer_ref = "" if customer_ref.upper() == "NONREF" else customer_ref
        booked = data["date"]
        parsed.lines.append(
            ParsedLine(
                booked_on=date(booked.year, booked.month, booked.day),
                amount=abs(amount),
                is_credit=is_credit,
                bank_reference=str(data.get("bank_reference", "") or "")[:35],
                end_to_end_id=(end_to_end_in(details) or ("" if is_credit else customer_ref))[:35],
                remittance=details[:500],
                return_reason="" if is_credit else return_reason_in(details),
            )
        )
    if any(line.amount <= 0 for line in parsed.lines):
        raise DomainError(_wrong_message(), {"file": [_("Une opération a un montant nul.")]})
    return parsed
