"""The structured payment reference of an invoice: an ISO 11649 "RF" creditor reference.

Printed on the invoice and in its EPC QR code, quoted by the payer in a credit transfer, and read
back from bank statements to match the transfer to the invoice. It is derived from the invoice
number alone, so it never needs storing and never changes once the number is given.
"""

from __future__ import annotations

import re

from stdnum import iso11649

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]")
MAX_BODY = 21  # ISO 11649: at most 21 characters after "RF" and the two check digits


def rf_reference(number: str) -> str:
    """Return the RF creditor reference of an invoice number, compact ("RF18LOC2026000123")."""
    body = _NOT_ALNUM.sub("", number).upper()[-MAX_BODY:]
    if not body:
        raise ValueError("Un numéro de facture vide n'a pas de référence de paiement.")
    # Check digits: mod 97-10 over body + "RF00", as for an IBAN (ISO 7064).
    digits = "".join(str(int(c, 36)) for c in body + "RF00")
    check = 98 - int(digits) % 97
    ref = f"RF{check:02d}{body}"
    iso11649.validate(ref)  # our own computation checked by the standard's implementation
    return ref


def rf_display(reference: str) -> str:
    """Return the reference in groups of four, as printed for a person to type."""
    return iso11649.format(reference)


def rf_candidates(text: str) -> list[str]:
    """Return every valid RF reference that free text (a statement's remittance info) may hold.

    Banks print the reference grouped by four or run it into other words, so spaces are dropped and
    every valid prefix is kept, longest first: the caller keeps the one that names a known invoice
    (a random prefix passes the mod-97 check about once in 97, never for a known number as well).
    """
    compact = re.sub(r"\s+", "", text.upper())
    found: list[str] = []
    for match in re.finditer(r"RF\d{2}[0-9A-Z]{1,21}", compact):
        candidate = match.group(0)
        found.extend(
            candidate[:end] for end in range(len(candidate), 4, -1) if iso11649.is_valid(candidate[:end])
        )
    return found
