"""Gapless invoice numbers: one counter per issuer and year, taken inside the issuing transaction.

The counter row is locked (``select_for_update``) until the issuing transaction ends: a rolled-back
issue takes its numbers back (no gap), concurrent issuers queue on the row (no duplicate).
"""

from __future__ import annotations

from coopconnect.billing.models import InvoiceCounter, Issuer


def invoice_number(issuer: Issuer, year: int, seq: int) -> str:
    """Write an invoice number: the issuer's prefix, the year and a six-digit sequence."""
    return f"{issuer.number_prefix}{year}-{seq:06d}"


def locked_counter(issuer: Issuer, year: int) -> InvoiceCounter:
    """Return the issuer's counter for the year, locked until the transaction ends (created if new).

    Lock it before reading what is already issued, so a concurrent issue is seen once it commits.
    """
    InvoiceCounter.objects.get_or_create(issuer=issuer, year=year)
    counter = InvoiceCounter.objects.select_for_update().get(issuer=issuer, year=year)
    counter.issuer = issuer
    return counter


def take_numbers(counter: InvoiceCounter, count: int) -> list[tuple[int, str]]:
    """Take the next ``count`` consecutive numbers of a counter from :func:`locked_counter`.

    Returns (sequence, number) pairs; call inside the transaction that issues the invoices.
    """
    if count <= 0:
        return []
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    seqs = range(first, counter.last + 1)
    return [(seq, invoice_number(counter.issuer, counter.year, seq)) for seq in seqs]


def allocate_numbers(issuer: Issuer, year: int, count: int) -> list[tuple[int, str]]:
    """Lock the issuer's counter for the year and take the next ``count`` numbers."""
    return take_numbers(locked_counter(issuer, year), count)


def allocate_number(issuer: Issuer, year: int) -> tuple[int, str]:
    """Take the next number of the issuer for the year; call inside the issuing transaction."""
    return allocate_numbers(issuer, year, 1)[0]
