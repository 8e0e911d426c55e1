"""The shared skills vocabulary: one label per skill and the spellings people use for it.

A tag typed by someone is folded (accents, case, punctuation: ``coopconnect.core.text.search_key``)
and matched against the labels and synonyms here; what matches becomes the curated skill, anything
else a free tag of its own. Labels follow the trades of the study's independents (web, ICT, design,
accounting, translation, training, agriculture...).
"""

from __future__ import annotations

from coopconnect.core.text import search_key

# (label, synonyms)
VOCABULARY: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Développement web", ("web", "site web", "sites web", "site internet", "developpement", "dev web")),
    ("WordPress", ("wordpress", "wp")),
    ("Python", ("python", "django")),
    ("Graphisme", ("graphiste", "design graphique", "graphic design", "pao")),
    ("Photographie", ("photo", "photographe")),
    ("Vidéo", ("video", "montage video", "videaste")),
    ("Rédaction", ("redaction", "redacteur", "copywriting", "ecriture")),
    ("Traduction", ("traduction", "traducteur", "translation")),
    ("Comptabilité", ("compta", "comptable", "comptabilite", "accounting")),
    ("Gestion associative", ("association", "vie associative", "asso")),
    ("Juridique", ("droit", "juriste", "legal")),
    ("Communication", ("com", "communication digitale", "relations presse")),
    ("Réseaux sociaux", ("reseaux sociaux", "community management", "social media")),
    ("Marketing", ("marketing digital", "webmarketing")),
    ("Référencement", ("seo", "referencement naturel")),
    ("Formation", ("formateur", "formatrice", "pedagogie")),
    ("Informatique", ("informatique", "depannage informatique", "reseau informatique", "it")),
    ("Bureautique", ("excel", "tableur", "word")),
    ("Animation", ("animation", "facilitation", "animateur")),
    ("Gestion de projet", ("chef de projet", "project management", "gestion projet")),
    ("Architecture", ("architecte",)),
    ("Agriculture", ("agriculture", "maraichage", "agronomie")),
    ("Tourisme", ("tourisme", "gite", "hebergement touristique")),
    ("Anglais", ("english", "anglais")),
    ("Artisanat", ("artisan", "menuiserie", "bricolage")),
)


def fold(label: str) -> str:
    """Return the matching key of a tag: "Développement Web" -> "developpement web"."""
    return search_key(label)[:80]


SYNONYMS: dict[str, str] = {}
for _label, _synonyms in VOCABULARY:
    SYNONYMS[fold(_label)] = fold(_label)
    for _synonym in _synonyms:
        SYNONYMS.setdefault(fold(_synonym), fold(_label))
LABELS: dict[str, str] = {fold(label): label for label, _ in VOCABULARY}


def canonical(label: str) -> tuple[str, str, bool]:
    """Return (key, label, curated) for a tag typed by someone."""
    key = fold(label)
    if key in SYNONYMS:
        curated_key = SYNONYMS[key]
        return curated_key, LABELS[curated_key], True
    return key, " ".join(label.split())[:80], False
