"""How members are shown to one another on the community pages and in their e-mails."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


def display_name(person: Any) -> str:
    """Return how a person is shown to others: first name and initial, never the e-mail address."""
    first = (person.first_name or "").strip()
    last = (person.last_name or "").strip()
    if not first:
        return _("Membre n° %(n)s") % {"n": person.pk}
    return f"{first} {last[0]}." if last else first
