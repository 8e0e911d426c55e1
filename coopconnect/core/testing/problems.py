"""Read an API error in the tests: an RFC 9457 problem, reduced to what the request was told."""

from __future__ import annotations

from typing import Any

from coopconnect.core.problems import TITLES


def detail_and_errors(body: dict[str, Any]) -> dict[str, Any]:
    """Check the problem members of an error body; return its ``detail`` and ``errors`` only."""
    assert set(body) == {"type", "title", "status", "detail", "errors"}, body
    assert body["type"] == "about:blank"
    assert body["title"] == TITLES.get(body["status"], "Erreur")
    return {"detail": body["detail"], "errors": body["errors"]}
