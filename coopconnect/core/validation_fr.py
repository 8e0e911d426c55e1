"""French texts for pydantic's validation errors, as the API returns them in its 422 field errors."""

from collections.abc import Mapping
from typing import Any

_MESSAGES: dict[str, str] = {
    "missing": "Champ obligatoire.",
    "int_parsing": "Nombre entier attendu.",
    "int_type": "Nombre entier attendu.",
    "int_from_float": "Nombre entier attendu (sans décimales).",
    "float_parsing": "Nombre attendu.",
    "float_type": "Nombre attendu.",
    "decimal_parsing": "Nombre décimal attendu.",
    "decimal_type": "Nombre décimal attendu.",
    "decimal_max_places": "Trop de décimales (au plus {decimal_places}).",
    "decimal_max_digits": "Trop de chiffres (au plus {max_digits}).",
    "finite_number": "Nombre fini attendu.",
    "bool_parsing": "Booléen attendu (true ou false).",
    "bool_type": "Booléen attendu (true ou false).",
    "date_parsing": "Date attendue au format AAAA-MM-JJ.",
    "date_from_datetime_parsing": "Date attendue au format AAAA-MM-JJ.",
    "date_type": "Date attendue au format AAAA-MM-JJ.",
    "datetime_parsing": "Date et heure attendues (ISO 8601, ex. 2026-11-26T09:00:00+01:00).",
    "datetime_from_date_parsing": "Date et heure attendues (ISO 8601, ex. 2026-11-26T09:00:00+01:00).",
    "datetime_type": "Date et heure attendues (ISO 8601).",
    "time_parsing": "Heure attendue au format HH:MM.",
    "time_type": "Heure attendue au format HH:MM.",
    "timezone_aware": "Indiquez le fuseau horaire (ex. +01:00).",
    "greater_than": "Doit être strictement supérieur à {gt}.",
    "greater_than_equal": "Doit être supérieur ou égal à {ge}.",
    "less_than": "Doit être strictement inférieur à {lt}.",
    "less_than_equal": "Doit être inférieur ou égal à {le}.",
    "multiple_of": "Doit être un multiple de {multiple_of}.",
    "string_too_short": "Texte trop court (au moins {min_length} caractère(s)).",
    "string_too_long": "Texte trop long (au plus {max_length} caractères).",
    "string_type": "Texte attendu.",
    "string_pattern_mismatch": "Format invalide.",
    "too_short": "Pas assez d'éléments (au moins {min_length}).",
    "too_long": "Trop d'éléments (au plus {max_length}).",
    "list_type": "Liste attendue.",
    "dict_type": "Objet attendu.",
    "model_type": "Objet attendu.",
    "model_attributes_type": "Objet attendu.",
    "enum": "Valeur non reconnue ; valeurs possibles : {expected}.",
    "literal_error": "Valeur non reconnue ; valeurs possibles : {expected}.",
    "json_invalid": "JSON invalide.",
    "json_type": "JSON attendu.",
    "uuid_parsing": "Identifiant UUID attendu.",
    "url_parsing": "Adresse web invalide.",
    "url_scheme": "Adresse web invalide (http ou https).",
    "extra_forbidden": "Champ inconnu.",
}


def french_message(error: Mapping[str, Any]) -> str:
    """Return a French message for one pydantic error dict (type, msg, ctx)."""
    kind = str(error.get("type", ""))
    msg = str(error.get("msg", "invalide"))
    if kind == "value_error":
        # Our own validators already speak French; pydantic only prefixes them.
        return msg.removeprefix("Value error, ")
    template = _MESSAGES.get(kind)
    if template is None:
        return msg
    try:
        return template.format(**{k: v for k, v in (error.get("ctx") or {}).items()})
    except (KeyError, IndexError):
        return template
