"""Text helpers for accent- and case-insensitive matching of French names."""

import re
import unicodedata

_SAINT = re.compile(r"\b(st|ste|saint|sainte)\b")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def search_key(value: str) -> str:
    """Fold a French place name for matching: "Saint-Rémy-de-Provence" -> "saint remy de provence".

    Accents and case are dropped, punctuation becomes spaces, and the abbreviations
    "st"/"ste" are expanded so that "st remy" finds Saint-Rémy.
    """
    # Ligatures first: NFKD does not decompose them, so the ASCII fold would drop them.
    folded = value.lower().replace("œ", "oe").replace("æ", "ae")
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    folded = _NON_ALNUM.sub(" ", folded)
    folded = _SAINT.sub(lambda m: "sainte" if m.group(1) in ("ste", "sainte") else "saint", folded)
    return " ".join(folded.split())
