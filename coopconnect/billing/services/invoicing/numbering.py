"""Gapless invoice numbers: one counter per issuer and year, taken inside the issuing transaction."""

from __future__ import annotations

from coopconnect.billing.models import InvoiceCounter, Issuer


def invoice_number(issuer: Issuer, year: int, seq: int) -> str:
    """Write an invoice number: the issuer's prefix, the year and a six-digit sequence."""
    return f"{issuer.number_prefix}{year}-{seq:06d}"


def locked_counter(issuer: Issuer, year: int) -> InvoiceCounter:
    """Return the issuer's counter for the year, locked until the transaction ends (created if new)."""
    InvoiceCounter.objects.get_or_create(issuer=issuer, year=year)
    return InvoiceCounter.objects.select_for_update().get(issuer=issuer, year=year)


def allocate_number(issuer: Issuer, year: int) -> tuple[int, str]:
    """Take the next number of the issuer for the year; call inside the issuing transaction."""
    counter = locked_counter(issuer, year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, invoice_number(issuer, year, counter.last)
