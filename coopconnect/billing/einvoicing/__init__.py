"""Electronic invoicing: validation against EN 16931 and the French rules, UBL export, e-reporting,
and sending through a licensed platform (plateforme agréée)."""
