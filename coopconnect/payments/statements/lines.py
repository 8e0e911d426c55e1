"""A statement's movements as plain data, and what free text says about returned debits."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

# ISO 20022 reason codes a returned or rejected SEPA direct debit carries (EPC rulebook, R-transactions).
RETURN_CODES = frozenset(
    "AC01 AC04 AC06 AC13 AG01 AG02 AM04 AM05 BE05 CNOR DNOR FF01 FOCR MD01 MD02 MD06 MD07 MS02 MS03 "
    "RC01 RR01 RR02 RR03 RR04 SL01 TM01".split()
)
_RETURN_CODE = re.compile(r"\b(" + "|".join(sorted(RETURN_CODES)) + r")\b")
_EREF = re.compile(r"(?:EREF|END-TO-END|E2E)\s*[:/+]?\s*([A-Za-z0-9./-]{4,35})", re.IGNORECASE)


@dataclass(frozen=True)
class ParsedLine:
    """One movement on the account, as the bank reported it."""

    booked_on: date
    amount: Decimal
    is_credit: bool
    bank_reference: str = ""
    end_to_end_id: str = ""
    counterparty: str = ""
    counterparty_iban: str = ""
    remittance: str = ""
    structured_reference: str = ""
    return_reason: str = ""

    def key(self, account: str) -> str:
        """Return what identifies this movement whatever file repeats it (hashed)."""
        parts = [
            account,
            self.booked_on.isoformat(),
            f"{self.amount:.2f}",
            "C" if self.is_credit else "D",
            self.bank_reference,
            self.end_to_end_id,
            self.structured_reference,
            self.remittance,
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass
class ParsedStatement:
    reference: str
    account_iban: str
    lines: list[ParsedLine] = field(default_factory=list)


def return_reason_in(text: str) -> str:
    """Return the first SEPA return reason code quoted in free text, or ""."""
    match = _RETURN_CODE.search(text.upper())
    return match.group(1) if match else ""


def end_to_end_in(text: str) -> str:
    match = _EREF.search(text)
    return match.group(1) if match else ""
