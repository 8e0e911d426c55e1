"""Pages of the payments app: mandates (members, employer admins), collections and reconciliation (hosts)."""
