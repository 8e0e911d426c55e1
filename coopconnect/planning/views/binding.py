"""How the tool's GET forms are bound: only once the person has submitted them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

TABLE_ROWS = 50


def bound_form(form_class: Any, request: HttpRequest, trigger: str, prefix: str | None = None) -> Any:
    """Return the form bound to the query string when ``trigger`` is in it, else an unbound form."""
    key = f"{prefix}-{trigger}" if prefix else trigger
    return form_class(request.GET, prefix=prefix) if key in request.GET else form_class(prefix=prefix)
