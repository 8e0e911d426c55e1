"""API errors as RFC 9457 problem details, keeping the project's field errors.

Every API error answers ``application/problem+json`` with ``type``, ``title``, ``status`` and
``detail`` (RFC 9457) plus ``errors`` — the messages per field that forms and clients already read.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.http import JsonResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"

# Short French titles, one per status: the ``detail`` says what happened to this very request.
TITLES: dict[int, str] = {
    400: "Requête invalide",
    401: "Authentification requise",
    403: "Accès refusé",
    404: "Introuvable",
    405: "Méthode non autorisée",
    409: "Conflit",
    413: "Requête trop volumineuse",
    422: "Données invalides",
    429: "Trop de requêtes",
    500: "Erreur interne",
    503: "Service indisponible",
}


def problem(status: int, detail: str, errors: Mapping[str, list[str]] | None = None) -> dict[str, object]:
    """Return the body of a problem: RFC 9457 members plus the errors per field."""
    return {
        "type": "about:blank",
        "title": TITLES.get(status, "Erreur"),
        "status": status,
        "detail": detail,
        "errors": dict(errors or {}),
    }


def problem_response(status: int, detail: str, errors: Mapping[str, list[str]] | None = None) -> JsonResponse:
    """Return a problem as a response (``application/problem+json``)."""
    return JsonResponse(
        problem(status, detail, errors),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
