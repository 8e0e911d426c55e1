"""What a siting counts: population, or the long commuters of the INSEE flows when imported."""

from __future__ import annotations

from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.territory import demand as commuting

DEMANDS = ("population", "long_commuters", "potential_users")


def demand_weights(kind: Any, insee: np.ndarray, population: np.ndarray) -> tuple[str, np.ndarray, str]:
    """Return (demand used, weight per commune, note) for ``kind``; DomainError when unknown.

    Without an imported MOBPRO file the demand falls back to population, and the note says so.
    """
    kind = str(kind or "population")
    if kind not in DEMANDS:
        message = _("Demande inconnue : attendu population, long_commuters ou potential_users.")
        raise DomainError(message, errors={"demand": [message]})
    if kind == "population":
        return kind, population.astype(np.int64), ""
    if commuting.source() != "mobpro":
        note = _(
            "Aucun fichier des déplacements domicile-travail (MOBPRO) importé : la demande est la population."
        )
        return "population", population.astype(np.int64), note
    params = commuting.DemandParameters()
    fn = commuting.long_commuters if kind == "long_commuters" else commuting.potential_users
    values = fn(params=params, insee_codes=[str(c) for c in insee])
    weights = np.array([round(values.get(str(c), 0.0)) for c in insee], dtype=np.int64)
    what = (
        _("actifs allant travailler en voiture à plus de %(m)s minutes de chez eux")
        if kind == "long_commuters"
        else _("usagers potentiels (actifs à plus de %(m)s minutes en voiture × part télétravaillable %(s)s)")
    ) % {"m": f"{params.min_minutes:g}", "s": f"{params.teleworkable_share:g}"}
    note = _(
        "Demande comptée : %(what)s, d'après le fichier MOBPRO importé ; les nombres « habitants » de "
        "cette proposition sont ces personnes."
    ) % {"what": what}
    return kind, weights, note
