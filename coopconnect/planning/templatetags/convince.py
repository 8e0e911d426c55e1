"""The parts of the tool to convince, for its sub-menu: the same list as its home page."""

from __future__ import annotations

from typing import Any

from django import template

from coopconnect.planning.views.home import TABS, TOOLS

register = template.Library()


@register.simple_tag
def convince_tools() -> list[tuple[str, Any, str]]:
    """(URL name, title, tab) of each part, in the order of ``TOOLS``."""
    return [(name, title, TABS[name]) for name, title, _question in TOOLS]
