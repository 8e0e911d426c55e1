"""Invoicing: the monthly run, gapless numbering, issuing, credit notes and settlement statements.

Numbering: one counter row per issuer and year, locked with ``select_for_update`` in the same
transaction that issues the invoice, so a rolled-back issue also rolls back its number (no gap) and
two concurrent runs queue on the row (no duplicate; the (issuer, number) unique constraint backs it).
Idempotency: each invoice of a run has a ``run_key`` (issuer, buyer, month), unique in the database;
re-running a month skips what exists, and a racing run that loses the insert skips too.
"""
