"""Billing pages: my invoices, an employer's, an issuer's; payments, credit notes, usage, quotes, plans."""
