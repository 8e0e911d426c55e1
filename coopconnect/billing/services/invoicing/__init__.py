"""Invoicing: the monthly run, gapless numbering, issuing, credit notes and settlement statements.

Numbering (``numbering``): one counter row per issuer and year, locked with ``select_for_update`` in
the same transaction that issues the invoices, so a rolled-back issue also rolls back its numbers (no
gap) and concurrent issues queue on the row (no duplicate; the (issuer, number) unique constraint
backs it). Issuing (``issue``): what an issued invoice carries is set in one place, for one invoice, a
credit note or a whole chunk of the monthly run (``run``).
Idempotency: each invoice of a run has a ``run_key`` (issuer, buyer, month), unique in the database;
re-running a month skips what exists, and a racing run waits on the counter, then skips what the
other issued.
"""
