"""Template filters of the community pages (forums, skills, missions)."""

from typing import Any

from django import template

from coopconnect.forums.names import display_name

register = template.Library()


@register.filter
def who(person: Any) -> str:
    """Show a person by first name and initial, never by e-mail address."""
    return display_name(person) if person is not None else ""
