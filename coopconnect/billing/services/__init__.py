"""Writes of the billing app (and the quote computation), one module per concept."""
