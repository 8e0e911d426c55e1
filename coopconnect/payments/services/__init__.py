"""Writes of the payments app: mandates, monthly collections, bank statements and their matching."""
